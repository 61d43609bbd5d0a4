// SecureText: see secure_text.h. The zeroing goes through a volatile pointer so that the compiler
// cannot prove the writes dead and drop them before the memory is freed.
#include "app/secure_text.h"

#include <cstring>
#include <utility>

namespace kiosk {

void secure_zero(void* data, std::size_t size)
{
    auto* bytes = static_cast<volatile unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = 0;
}

SecureText::SecureText(std::size_t capacity) : m_bytes(capacity, '\0') { }

SecureText::~SecureText() { clear(); }

SecureText::SecureText(SecureText&& other) noexcept
    : m_bytes(std::move(other.m_bytes))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecureText& SecureText::operator=(SecureText&& other) noexcept
{
    if (this != &other) {
        clear();
        m_bytes = std::move(other.m_bytes);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

bool SecureText::append(std::string_view utf8)
{
    if (utf8.size() > m_bytes.size() - m_size)
        return false;
    std::memcpy(m_bytes.data() + m_size, utf8.data(), utf8.size());
    m_size += utf8.size();
    return true;
}

void SecureText::pop_character()
{
    if (m_size == 0)
        return;
    std::size_t start = m_size - 1;
    // Step back over UTF-8 continuation bytes (10xxxxxx) to the first byte of the character.
    while (start > 0 && (static_cast<unsigned char>(m_bytes[start]) & 0xC0) == 0x80)
        --start;
    secure_zero(m_bytes.data() + start, m_size - start);
    m_size = start;
}

void SecureText::clear()
{
    if (!m_bytes.empty())
        secure_zero(m_bytes.data(), m_bytes.size());
    m_size = 0;
}

}
