// Whether the hand-vectorised byte scans are compiled in: CONCORD_SSE2 is 1
// on x86-64 and 0 elsewhere, and 0 in builds configured with -Dsimd=false
// (meson), so that the plain loops every scan falls back to are built and
// tested on x86-64 too.
#ifndef CONCORD_BASE_SIMD_H_
#define CONCORD_BASE_SIMD_H_

#if defined(__SSE2__) && !defined(CONCORD_NO_SIMD)
#define CONCORD_SSE2 1
#include <emmintrin.h>
#else
#define CONCORD_SSE2 0
#endif

#if CONCORD_SSE2
namespace concord {

// The 16 bytes at `p` as a bit mask (bit k for byte k): ASCII letters and
// digits. Non-ASCII bytes are negative as signed bytes, so never set.
inline unsigned AsciiAlnumMask16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
}

// The same with every non-ASCII byte set too: the bytes a word may hold.
inline unsigned WordByteMask16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return AsciiAlnumMask16(p) | static_cast<unsigned>(_mm_movemask_epi8(v));
}

}  // namespace concord
#endif

#endif  // CONCORD_BASE_SIMD_H_
