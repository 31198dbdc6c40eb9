#pragma once
// What the tests that run the real binary against a fake homeserver set up alike: the demo
// directory with Matrix ids, and Relais registered as an application service.
#include <map>
#include <string>

#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

namespace relais::testing {

constexpr const char* matrix_as_token = "as-token-0123456789abcdef";
constexpr const char* matrix_hs_token = "hs-token-fedcba9876543210";

/// Writes the demo directory to dir/directory.csv with a matrix_id column (directory id -> Matrix id).
void write_matrix_directory(const TempDir& dir, const std::map<std::string, std::string>& matrix_ids);

/// Writes dir/registration.yaml (the tokens above, bot @relais:localhost) and returns the
/// environment that runs Relais as that application service of `homeserver_url`, with the
/// directory written by write_matrix_directory.
RelaisProcess::Env matrix_appservice_env(const TempDir& dir, const std::string& homeserver_url);

}  // namespace relais::testing
