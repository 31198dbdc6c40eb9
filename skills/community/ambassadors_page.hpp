#pragma once
// The public list of ambassadors an intranet links to (GET /ambassadors): by circle, with each
// one's languages, site and topics, filterable by circle, site, language and topic; `embed` gives the list
// alone, for an iframe on another page.
#include <string>
#include <vector>

#include "bot/core/person.hpp"

namespace relais::community {

struct PageFilter {
  std::string circle, site, language, topic;
  bool embed = false;
};

std::string ambassadors_page(const std::vector<core::Person>& ambassadors, const PageFilter& filter);

}  // namespace relais::community
