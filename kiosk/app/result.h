// Errors as values. Expected failures (a bad config, a missing catalog file) travel as Result<T>
// and become messages for a person or for staff; exceptions never cross a frame.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace kiosk {

struct Error {
    std::string message;
};

template<class T, class E = Error>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) { }
    Result(E error) : m_value(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_value); }
    const T& value() const { return std::get<T>(m_value); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const { return std::get<E>(m_value); }

private:
    std::variant<T, E> m_value;
};

}
