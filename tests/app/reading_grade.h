// The Flesch–Kincaid grade estimate the reading tests share: syllables by vowel groups with a
// silent final e, sentences ended by . ? ! (or ." at a quotation's end).
#pragma once
#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>

namespace kiosk::test {

// Syllables by vowel groups, with a silent final e: the usual estimate.
inline int syllables(std::string word)
{
    std::string w;
    for (char c : word)
        if (std::isalpha(static_cast<unsigned char>(c)))
            w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w.empty())
        return 0;
    int count = 0;
    bool vowel = false;
    for (char c : w) {
        bool v = std::string("aeiouy").find(c) != std::string::npos;
        if (v && !vowel)
            ++count;
        vowel = v;
    }
    if (w.size() > 2 && w.back() == 'e' && w[w.size() - 2] != 'l')
        --count;
    return std::max(1, count);
}

inline double grade(const std::string& text)
{
    int sentences = 0, words = 0, syl = 0;
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
        ++words;
        syl += syllables(word);
        char last = word.back();
        if (last == '.' || last == '?' || last == '!' || (last == '"' && word.size() > 1 && word[word.size() - 2] == '.'))
            ++sentences;
    }
    sentences = std::max(1, sentences);
    return 0.39 * words / sentences + 11.8 * syl / std::max(1, words) - 15.59;
}

}
