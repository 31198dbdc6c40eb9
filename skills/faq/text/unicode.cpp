#include "skills/faq/text/unicode.hpp"

#include <algorithm>

namespace relais::faq::text {
namespace {

/// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes yield U+FFFD.
char32_t decode(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) > s.size()) return 0xFFFD;
  char32_t cp = c & (extra == 1 ? 0x1F : extra == 2 ? 0x0F : 0x07);
  for (int k = 0; k < extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b >> 6) != 2) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
    ++i;
  }
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
    // Latin Extended-A alternates upper/lower, with the parity flipped between U+0139 and U+0148.
    const bool flipped = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (flipped ? (cp % 2 == 1) : (cp % 2 == 0)) return cp + 1;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

bool is_word_char(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) return true;
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x370 && cp <= 0x52F) return true;     // Greek, Cyrillic
  if (cp >= 0x1E00 && cp <= 0x1EFF) return true;   // Latin Extended Additional
  return cp >= 0x3040 && cp != 0xFFFD && cp < 0x1F000 && !(cp >= 0x2000 && cp <= 0x2BFF) &&
         !(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFE00 && cp <= 0xFE6F);  // CJK and beyond
}

bool is_joiner(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool is_clause_end(char32_t cp) {
  return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '?' || cp == '!' || cp == 0x2026 /* … */;
}

const char* fold_latin(char32_t cp) {
  // U+00C0..U+00FF (lower-case half used after to_lower)
  static const char* const latin1[] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss"};
  if (cp >= 0xE0 && cp <= 0xFF) return cp == 0xF7 ? nullptr : cp == 0xFF ? "y" : latin1[cp - 0xE0];
  if (cp == 0xDF) return "ss";
  switch (cp) {
    case 0x101: case 0x103: case 0x105: return "a";
    case 0x107: case 0x109: case 0x10B: case 0x10D: return "c";
    case 0x10F: case 0x111: return "d";
    case 0x113: case 0x115: case 0x117: case 0x119: case 0x11B: return "e";
    case 0x11D: case 0x11F: case 0x121: case 0x123: return "g";
    case 0x125: case 0x127: return "h";
    case 0x129: case 0x12B: case 0x12D: case 0x12F: case 0x131: return "i";
    case 0x133: return "ij";
    case 0x135: return "j";
    case 0x137: return "k";
    case 0x13A: case 0x13C: case 0x13E: case 0x140: case 0x142: return "l";
    case 0x144: case 0x146: case 0x148: return "n";
    case 0x14D: case 0x14F: case 0x151: return "o";
    case 0x153: return "oe";
    case 0x155: case 0x157: case 0x159: return "r";
    case 0x15B: case 0x15D: case 0x15F: case 0x161: return "s";
    case 0x163: case 0x165: case 0x167: return "t";
    case 0x169: case 0x16B: case 0x16D: case 0x16F: case 0x171: case 0x173: return "u";
    case 0x175: return "w";
    case 0x177: return "y";
    case 0x17A: case 0x17C: case 0x17E: return "z";
    default: return nullptr;
  }
}

}  // namespace

std::vector<Word> words(std::string_view text) {
  std::vector<Word> out;
  std::string current, joined;
  int parts = 0;
  auto end_part = [&] {
    if (!current.empty()) {
      out.push_back({current, false});
      joined += current;
      ++parts;
    }
    current.clear();
  };
  auto end_word = [&] {
    end_part();
    if (parts > 1) out.push_back({joined, true});
    joined.clear();
    parts = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = decode(text, i);
    if (is_word_char(cp)) {
      encode(to_lower(cp), current);
    } else if (is_joiner(cp) && !current.empty() && i < text.size()) {
      end_part();  // "e-mail": keep going, the parts and the whole
    } else {
      end_word();
      if (is_clause_end(cp) && !out.empty()) out.back().ends_clause = true;
    }
  }
  end_word();
  if (!out.empty()) out.back().ends_clause = true;
  return out;
}

std::string fold(std::string_view lower_word) {
  // Most words of a how-to question are plain ASCII, which folds to itself.
  if (std::all_of(lower_word.begin(), lower_word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(lower_word);
  std::string out;
  out.reserve(lower_word.size());
  for (std::size_t i = 0; i < lower_word.size();) {
    const char32_t cp = decode(lower_word, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (const char* f = fold_latin(cp)) {
      out += f;
    } else {
      encode(cp, out);
    }
  }
  return out;
}

}  // namespace relais::faq::text
