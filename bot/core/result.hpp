#pragma once
// A value or the reason there is none: for refusals that are part of normal operation.
#include <optional>
#include <string>
#include <utility>

namespace relais {

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  static Result failure(std::string why) { return Result(std::move(why), 0); }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const T* operator->() const { return &*value_; }
  const std::string& error() const { return error_; }

 private:
  Result(std::string why, int) : error_(std::move(why)) {}
  std::optional<T> value_;
  std::string error_;
};

}  // namespace relais
