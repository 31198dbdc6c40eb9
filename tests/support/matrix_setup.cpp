#include "support/matrix_setup.hpp"

#include <fstream>

#include "bot/transports/matrix/matrix_registration.hpp"

namespace relais::testing {

void write_matrix_directory(const TempDir& dir, const std::map<std::string, std::string>& matrix_ids) {
  std::ifstream in(demo_directory());
  std::ofstream out(dir / "directory.csv");
  std::string line;
  std::getline(in, line);
  out << line << ",matrix_id\n";
  while (std::getline(in, line)) {
    const auto it = matrix_ids.find(line.substr(0, line.find(',')));
    out << line << "," << (it == matrix_ids.end() ? "" : it->second) << "\n";
  }
}

RelaisProcess::Env matrix_appservice_env(const TempDir& dir, const std::string& homeserver_url) {
  const matrix::Registration reg{"relais", "http://127.0.0.1", matrix_as_token, matrix_hs_token, "relais", "localhost"};
  std::ofstream(dir / "registration.yaml") << matrix::to_yaml(reg);
  return {{"RELAIS_DIRECTORY_PATH", (dir / "directory.csv").string()},
          {"RELAIS_MATRIX_ENABLED", "true"},
          {"RELAIS_MATRIX_HOMESERVER_URL", homeserver_url},
          {"RELAIS_MATRIX_USER_ID", "@relais:localhost"},
          {"RELAIS_MATRIX_REGISTRATION_FILE", (dir / "registration.yaml").string()}};
}

}  // namespace relais::testing
