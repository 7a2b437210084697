// Small helpers for absl::Status, which Abseil 20220623 does not ship.
#ifndef CONCORD_BASE_STATUS_MACROS_H_
#define CONCORD_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the enclosing function when `expr` (an absl::Status) is not OK.
#define CONCORD_RETURN_IF_ERROR(expr)          \
  do {                                         \
    const absl::Status concord_status_ = (expr); \
    if (!concord_status_.ok()) return concord_status_; \
  } while (0)

#define CONCORD_STATUS_CONCAT_INNER_(a, b) a##b
#define CONCORD_STATUS_CONCAT_(a, b) CONCORD_STATUS_CONCAT_INNER_(a, b)

// `CONCORD_ASSIGN_OR_RETURN(auto x, Foo());` assigns the value of an
// absl::StatusOr or returns its status from the enclosing function.
#define CONCORD_ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto CONCORD_STATUS_CONCAT_(concord_statusor_, __LINE__) = (expr);          \
  if (!CONCORD_STATUS_CONCAT_(concord_statusor_, __LINE__).ok())              \
    return CONCORD_STATUS_CONCAT_(concord_statusor_, __LINE__).status();      \
  lhs = std::move(*CONCORD_STATUS_CONCAT_(concord_statusor_, __LINE__))

#endif  // CONCORD_BASE_STATUS_MACROS_H_
