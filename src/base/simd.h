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

#endif  // CONCORD_BASE_SIMD_H_
