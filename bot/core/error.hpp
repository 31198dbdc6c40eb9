#pragma once
// The one exception base: programmer errors and start-up failures. Errors that outside input
// can cause (bad frames, bad files, refused transitions) are values, not exceptions.
#include <stdexcept>
#include <string>

namespace relais {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace relais
