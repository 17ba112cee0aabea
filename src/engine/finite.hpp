// Every figure a command prints is finite, or the command fails naming what overflowed: the
// checks evaluate() makes, for the analyses that compute figures of their own.
#pragma once

#include <string>

#include <sroi/engine/result.hpp>
#include <sroi/model/error.hpp>

namespace sroi::detail {

/// Throws evaluation_error `evaluation.not_finite` naming `what` (written at `where`, when it is
/// one place of the model) unless `value` is finite.
void require_finite(double value, const std::string& what, const source_location& where = {});

/// Checks the present value, inputs, NPV and (when the inputs are > 0, i.e. where it is defined)
/// the SROI ratio of `t`; `what` names the case, e.g. "scenario 'high'".
void require_finite(const totals& t, const std::string& what);

}  // namespace sroi::detail
