// Read-aloud benchmark (run by hand; figures in docs/performance.md): how soon the first words
// can be heard after a screen appears, how much faster than real time eSpeak NG makes speech,
// and what starting the engine costs in memory. Synthesis only: no audio device is needed.
#include "platform/speech.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double rss_kb(const char* field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::stod(line.substr(std::string(field).size()));
    return -1;
}

struct Run {
    double first_ms;   // from the call to the first piece of audio
    double total_ms;   // the whole text synthesized
    double audio_s;    // seconds of speech made
};

Run read(const std::string& text, Language language)
{
    auto start = Clock::now();
    std::optional<Clock::time_point> first;
    std::size_t samples = 0;
    auto rate = synthesize(text, language, [&](const std::int16_t*, int count) {
        if (!first)
            first = Clock::now();
        samples += static_cast<std::size_t>(count);
        return true;
    });
    auto end = Clock::now();
    if (!rate) {
        std::printf("speech failed: %s\n", rate.error().message.c_str());
        std::exit(1);
    }
    auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    return { ms(first.value_or(end) - start), ms(end - start), static_cast<double>(samples) / *rate };
}

}

int main()
{
    // What Home reads (its heading, its six tiles with their lines), and a lesson step.
    const std::string home = "What would you like to do?\nLearn.\nShort lessons on using a tablet.\nFind help.\n"
                             "Crisis lines, calming tools, groups.\nBook a peer.\nTalk with someone who has been there.\n"
                             "Ask for a person.\nSettings.\nI'm done.";
    const std::string home_es = "¿Qué le gustaría hacer?\nAprender.\nLecciones cortas para usar una tableta.\nBuscar ayuda.\n"
                                "Líneas de crisis, calma, grupos.\nReservar un compañero.\nHable con alguien que ha pasado por lo mismo.\n"
                                "Pedir ayuda a una persona.\nAjustes.\nYa terminé.";
    double before = rss_kb("VmHWM:");
    Run cold = read(home, Language::English);
    double after = rss_kb("VmHWM:");
    std::printf("speech benchmark: eSpeak NG, synthesis only\n");
    std::printf("%-40s first audio %6.1f ms   (engine start included)\n", "Home, English, cold", cold.first_ms);
    std::printf("%-40s peak RSS %5.1f MB -> %5.1f MB\n", "engine start", before / 1024.0, after / 1024.0);
    for (auto [label, text, language] : { std::tuple { "Home, English, warm", &home, Language::English },
             std::tuple { "Home, Spanish, warm", &home_es, Language::Spanish } }) {
        std::vector<Run> runs;
        for (int i = 0; i < 7; ++i)
            runs.push_back(read(*text, language));
        std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.first_ms < b.first_ms; });
        const Run& mid = runs[runs.size() / 2];
        std::printf("%-40s first audio %6.1f ms   whole %6.1f ms for %4.1f s of speech (%.0fx real time)\n", label, mid.first_ms,
            mid.total_ms, mid.audio_s, mid.audio_s * 1000.0 / mid.total_ms);
    }
    std::printf("%-40s peak RSS %5.1f MB\n", "after all runs", rss_kb("VmHWM:") / 1024.0);
}
