// Abseil 20220623 ships no RETURN_IF_ERROR / ASSIGN_OR_RETURN; these are ours.
#ifndef LEDGER_STATUS_MACROS_H_
#define LEDGER_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LEDGER_CONCAT_INNER_(a, b) a##b
#define LEDGER_CONCAT_(a, b) LEDGER_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when `expr` is not ok.
#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    if (::absl::Status status_ = (expr); !status_.ok()) \
      return status_;                                  \
  } while (0)

// `lhs = *expr` when `expr` (a StatusOr) is ok; else returns its status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(LEDGER_CONCAT_(status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = std::move(tmp).value()

#endif  // LEDGER_STATUS_MACROS_H_
