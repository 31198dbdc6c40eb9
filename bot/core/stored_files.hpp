#pragma once
// Two small file formats written without compression, for generated downloads (the Teams app
// package): a ZIP archive of stored entries and an RGBA PNG image. Both are valid for every
// reader; size is not a concern at a few kilobytes.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace relais::core {

std::uint32_t crc32(std::string_view bytes);

/// A ZIP archive (method 0, "stored") of the named entries, in order.
std::string zip_stored(const std::vector<std::pair<std::string, std::string>>& entries);

/// A PNG of `width` x `height` pixels, `rgba` holding 4 bytes per pixel, row by row.
std::string png_rgba(std::uint32_t width, std::uint32_t height, const std::string& rgba);

}  // namespace relais::core
