#pragma once
// The web chat page, embedded at build time from assets/ (see embed_assets.cmake).
#include <string_view>
#include <vector>

namespace relais::webchat {

struct Asset {
  std::string_view name;
  std::string_view content;
};

const std::vector<Asset>& assets();

}  // namespace relais::webchat
