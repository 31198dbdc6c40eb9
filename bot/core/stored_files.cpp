#include "bot/core/stored_files.hpp"

#include <array>

namespace relais::core {
namespace {

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}
void put32_be(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint32_t adler32(std::string_view bytes) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : bytes) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

/// A zlib stream of uncompressed ("stored") deflate blocks.
std::string zlib_stored(std::string_view data) {
  std::string out = "\x78\x01";
  std::size_t at = 0;
  do {
    const auto length = static_cast<std::uint32_t>(std::min<std::size_t>(65535, data.size() - at));
    const bool last = at + length == data.size();
    out += static_cast<char>(last ? 1 : 0);
    put16(out, length);
    put16(out, ~length & 0xFFFF);
    out.append(data.substr(at, length));
    at += length;
  } while (at < data.size());
  put32_be(out, adler32(data));
  return out;
}

void png_chunk(std::string& out, std::string_view type, std::string_view data) {
  put32_be(out, static_cast<std::uint32_t>(data.size()));
  std::string typed(type);
  typed.append(data);
  out += typed;
  put32_be(out, crc32(typed));
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string zip_stored(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, directory;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto crc = crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto name_length = static_cast<std::uint32_t>(name.size());
    // Local file header; DOS time and date 1980-01-01 00:00 keep the package reproducible.
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, size), put32(out, size);
    put16(out, name_length), put16(out, 0);
    out += name;
    out += data;
    // Its central directory record.
    put32(directory, 0x02014b50);
    put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0), put16(directory, 0),
        put16(directory, 0x21);
    put32(directory, crc), put32(directory, size), put32(directory, size);
    put16(directory, name_length), put16(directory, 0), put16(directory, 0), put16(directory, 0), put16(directory, 0);
    put32(directory, 0), put32(directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size())), put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(directory.size())), put32(out, directory_offset);
  put16(out, 0);
  return out;
}

std::string png_rgba(std::uint32_t width, std::uint32_t height, const std::string& rgba) {
  std::string raw;  // each row starts with filter type 0 (none)
  for (std::uint32_t y = 0; y < height; ++y) {
    raw += '\0';
    raw.append(rgba, static_cast<std::size_t>(y) * width * 4, static_cast<std::size_t>(width) * 4);
  }
  std::string header;
  put32_be(header, width);
  put32_be(header, height);
  header += std::string("\x08\x06\x00\x00\x00", 5);  // 8 bits, RGBA, deflate, no filter, no interlace
  std::string out = "\x89PNG\r\n\x1a\n";
  png_chunk(out, "IHDR", header);
  png_chunk(out, "IDAT", zlib_stored(raw));
  png_chunk(out, "IEND", "");
  return out;
}

}  // namespace relais::core
