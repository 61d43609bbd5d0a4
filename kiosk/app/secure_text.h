// Text a person typed. It lives in memory for one session only, and its bytes are overwritten
// (not merely released) when it is cleared, shrunk or destroyed, so the next person on the tablet
// cannot find it in freed memory. It never grows by reallocation: capacity is fixed at creation.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace kiosk {

// Overwrites `size` bytes at `data` in a way the optimizer may not remove.
void secure_zero(void* data, std::size_t size);

class SecureText {
public:
    static constexpr std::size_t default_capacity = 64;

    SecureText() : SecureText(default_capacity) { }
    explicit SecureText(std::size_t capacity);
    ~SecureText();
    SecureText(const SecureText&) = delete;
    SecureText& operator=(const SecureText&) = delete;
    SecureText(SecureText&& other) noexcept;
    SecureText& operator=(SecureText&& other) noexcept;

    // Appends UTF-8 text; returns false (and appends nothing) when it would not fit.
    bool append(std::string_view utf8);
    // Removes the last whole UTF-8 character, if any, and overwrites its bytes.
    void pop_character();
    // Overwrites every byte and empties the text.
    void clear();

    std::string_view view() const { return { m_bytes.data(), m_size }; }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_bytes.size(); }
    bool empty() const { return m_size == 0; }

private:
    std::vector<char> m_bytes;
    std::size_t m_size { 0 };
};

}
