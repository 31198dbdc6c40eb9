#pragma once
// Recognising short chat phrases in any of our languages by their words, accent-free and in
// lower case ("Je voudrais devenir ambassadeur" -> je, voudrais, devenir, ambassadeur).
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace relais::skills {

std::vector<std::string> folded_words(std::string_view text);

/// True when one of `words` is one of `wanted`.
bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted);

/// True when one of `words` starts with one of `stems` ("ambassad" matches "ambassadeurs").
bool has_stem(const std::vector<std::string>& words, std::initializer_list<std::string_view> stems);

}  // namespace relais::skills
