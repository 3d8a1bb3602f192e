/* weather: KMA weather words <-> stable numeric codes <-> categories. */
#include "weather.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Every word KMA and news strips use (reference/kma-conditions.tsv). Codes
 * are category * 100 + n and never change once released: spellings of one
 * meaning share a code, and the first spelling listed is the canonical one.
 * Add new words with new codes at the end of their category. */
static const wx_word words[] = {
    {"-", WX_CODE_NONE, WX_CAT_NONE, "no weather reported"},
    {"맑음", 101, WX_CAT_CLEAR, "clear"},
    {"구름조금", 201, WX_CAT_CLOUD, "partly cloudy"},
    {"구름 조금", 201, WX_CAT_CLOUD, "partly cloudy"},
    {"구름많음", 202, WX_CAT_CLOUD, "mostly cloudy"},
    {"구름 많음", 202, WX_CAT_CLOUD, "mostly cloudy"},
    {"흐림", 203, WX_CAT_CLOUD, "cloudy / overcast"},
    {"박무", 301, WX_CAT_OBSCURATION, "mist"},
    {"연무", 302, WX_CAT_OBSCURATION, "haze"},
    {"안개", 303, WX_CAT_OBSCURATION, "fog"},
    {"안개변화무", 304, WX_CAT_OBSCURATION, "fog, no change"},
    {"안개엷어짐", 305, WX_CAT_OBSCURATION, "fog thinning"},
    {"안개강해짐", 306, WX_CAT_OBSCURATION, "fog thickening"},
    {"안개끝", 307, WX_CAT_OBSCURATION, "fog ended"},
    {"시계내안개", 308, WX_CAT_OBSCURATION, "fog in the vicinity"},
    {"부분안개", 309, WX_CAT_OBSCURATION, "patches of fog"},
    {"황사", 401, WX_CAT_DUST, "yellow dust (Asian dust)"},
    {"시계내강수", 501, WX_CAT_RAIN, "precipitation within sight"},
    {"비", 502, WX_CAT_RAIN, "rain"},
    {"약한비", 503, WX_CAT_RAIN, "light rain"},
    {"강한비", 504, WX_CAT_RAIN, "heavy rain"},
    {"빗방울", 505, WX_CAT_RAIN, "raindrops (very light rain)"},
    {"이슬비", 506, WX_CAT_RAIN, "drizzle"},
    {"가랑비", 507, WX_CAT_RAIN, "drizzle / light rain"},
    {"약한이슬비", 508, WX_CAT_RAIN, "light drizzle"},
    {"보통이슬비", 509, WX_CAT_RAIN, "moderate drizzle"},
    {"강한이슬비", 510, WX_CAT_RAIN, "heavy drizzle"},
    {"비/이슬비", 511, WX_CAT_RAIN, "rain/drizzle"},
    {"이슬비끝", 512, WX_CAT_RAIN, "drizzle ended"},
    {"약한비단속", 513, WX_CAT_RAIN, "intermittent light rain"},
    {"약한비계속", 514, WX_CAT_RAIN, "continuous light rain"},
    {"보통비단속", 515, WX_CAT_RAIN, "intermittent moderate rain"},
    {"보통비계속", 516, WX_CAT_RAIN, "continuous moderate rain"},
    {"강한비단속", 517, WX_CAT_RAIN, "intermittent heavy rain"},
    {"강한비계속", 518, WX_CAT_RAIN, "continuous heavy rain"},
    {"약한 비 단속적", 513, WX_CAT_RAIN, "intermittent light rain"},
    {"약한 비 연속적", 514, WX_CAT_RAIN, "continuous light rain"},
    {"보통 비 단속적", 515, WX_CAT_RAIN, "intermittent moderate rain"},
    {"약한언비", 519, WX_CAT_RAIN, "light freezing rain"},
    {"소나기", 520, WX_CAT_RAIN, "showers"},
    {"약한소나기", 521, WX_CAT_RAIN, "light showers"},
    {"보통소나기", 522, WX_CAT_RAIN, "moderate showers"},
    {"강한소나기", 523, WX_CAT_RAIN, "heavy showers"},
    {"소나기끝", 524, WX_CAT_RAIN, "showers ended"},
    {"비끝남", 525, WX_CAT_RAIN, "rain ended"},
    {"비 끝남", 525, WX_CAT_RAIN, "rain ended"},
    {"비 끝", 525, WX_CAT_RAIN, "rain ended"},
    {"구름많고 비", 526, WX_CAT_RAIN, "mostly cloudy with rain"},
    {"흐리고 비", 527, WX_CAT_RAIN, "cloudy with rain"},
    {"구름많고 소나기", 528, WX_CAT_RAIN, "mostly cloudy with showers"},
    {"흐리고 소나기", 529, WX_CAT_RAIN, "cloudy with showers"},
    {"눈", 601, WX_CAT_SNOW, "snow"},
    {"약한눈", 602, WX_CAT_SNOW, "light snow"},
    {"강한눈", 603, WX_CAT_SNOW, "heavy snow"},
    {"눈날림", 604, WX_CAT_SNOW, "snow flurries"},
    {"약한눈단속", 605, WX_CAT_SNOW, "intermittent light snow"},
    {"약한눈계속", 606, WX_CAT_SNOW, "continuous light snow"},
    {"보통눈단속", 607, WX_CAT_SNOW, "intermittent moderate snow"},
    {"보통눈계속", 608, WX_CAT_SNOW, "continuous moderate snow"},
    {"강한눈단속", 609, WX_CAT_SNOW, "intermittent heavy snow"},
    {"강한눈계속", 610, WX_CAT_SNOW, "continuous heavy snow"},
    {"소낙눈/약", 611, WX_CAT_SNOW, "light snow showers"},
    {"소낙눈/강", 612, WX_CAT_SNOW, "heavy snow showers"},
    {"소낙눈끝", 613, WX_CAT_SNOW, "snow showers ended"},
    {"눈끝남", 614, WX_CAT_SNOW, "snow ended"},
    {"눈 끝남", 614, WX_CAT_SNOW, "snow ended"},
    {"싸락눈/약", 615, WX_CAT_SNOW, "light snow pellets"},
    {"싸락눈/강", 616, WX_CAT_SNOW, "heavy snow pellets"},
    {"약한눈보라", 617, WX_CAT_SNOW, "light snowstorm / blowing snow"},
    {"보통눈보라", 618, WX_CAT_SNOW, "snowstorm / blowing snow"},
    {"강한눈보라", 619, WX_CAT_SNOW, "heavy snowstorm / blowing snow"},
    {"가루눈", 620, WX_CAT_SNOW, "powder snow (flurries)"},
    {"구름많고 눈", 621, WX_CAT_SNOW, "mostly cloudy with snow"},
    {"흐리고 눈", 622, WX_CAT_SNOW, "cloudy with snow"},
    {"진눈깨비", 701, WX_CAT_MIXED, "sleet (rain and snow mixed)"},
    {"약진눈깨비", 702, WX_CAT_MIXED, "light sleet"},
    {"진눈깨비약", 702, WX_CAT_MIXED, "light sleet"},
    {"강진눈깨비", 703, WX_CAT_MIXED, "heavy sleet"},
    {"진눈깨비끝", 704, WX_CAT_MIXED, "sleet ended"},
    {"비 또는 눈", 705, WX_CAT_MIXED, "rain or snow"},
    {"눈 또는 비", 706, WX_CAT_MIXED, "snow or rain"},
    {"비/눈", 707, WX_CAT_MIXED, "rain/snow"},
    {"눈/비", 708, WX_CAT_MIXED, "snow/rain"},
    {"빗방울눈날림", 709, WX_CAT_MIXED, "raindrops and snow flurries"},
    {"구름많고 비/눈", 710, WX_CAT_MIXED, "mostly cloudy with rain/snow"},
    {"흐리고 비/눈", 711, WX_CAT_MIXED, "cloudy with rain/snow"},
    {"구름많고 눈 또는 비", 712, WX_CAT_MIXED, "mostly cloudy with snow or rain"},
    {"흐리고 눈 또는 비", 713, WX_CAT_MIXED, "cloudy with snow or rain"},
    {"얼음싸라기", 714, WX_CAT_MIXED, "ice pellets"},
    {"뇌우", 801, WX_CAT_STORM, "thunderstorm"},
    {"뇌우,우박", 802, WX_CAT_STORM, "thunderstorm with hail"},
    {"뇌우,비/눈", 803, WX_CAT_STORM, "thunderstorm with rain/snow"},
    {"뇌우,눈/비", 804, WX_CAT_STORM, "thunderstorm with snow/rain"},
    {"뇌우끝,비", 805, WX_CAT_STORM, "thunderstorm ended, rain"},
    {"뇌우끝,눈", 806, WX_CAT_STORM, "thunderstorm ended, snow"},
    {"천둥번개", 807, WX_CAT_STORM, "thunder and lightning"},
    {"번개", 808, WX_CAT_STORM, "lightning"},
    {"낙뢰", 809, WX_CAT_STORM, "lightning strike"},
    {"마른뇌전", 810, WX_CAT_STORM, "dry thunderstorm (thunder, no precipitation)"},
    {"뇌전끝", 811, WX_CAT_STORM, "thunder ended"},
    {"우박", 812, WX_CAT_STORM, "hail"},
    {"용오름", 813, WX_CAT_STORM, "waterspout / funnel cloud"},
};

#define NWORDS (sizeof words / sizeof words[0])

static const char *const category_names[WX_CAT_COUNT] = {
    "none", "clear", "cloud", "obscuration", "dust", "rain", "snow", "mixed", "storm",
};

/* Dashes pages use for "no weather reported". */
static const char *const no_report[] = {"-", "\xEF\xBC\x8D" /* － */, "\xE2\x80\x93" /* – */,
                                        "\xE2\x80\x94" /* — */, "\xE2\x88\x92" /* − */};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Words without white space, sorted, for binary search; built once. */
#define KEY_MAX 64
static struct weather_key {
    char key[KEY_MAX];
    const wx_word *w;
} keys[NWORDS];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

/* Copies S without white space into KEY; the length, or -1 when too long
 * or when S holds a NUL (no word does, and KEY would end there). */
static long squeeze(const char *s, size_t len, char *key)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space((unsigned char)s[i]))
            continue;
        if (k + 1 >= KEY_MAX || s[i] == '\0')
            return -1;
        key[k++] = s[i];
    }
    key[k] = '\0';
    return (long)k;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Sorts by key, then by table order: the first listed spelling comes first. */
static int entry_cmp(const void *a, const void *b)
{
    const struct weather_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->w > y->w) - (x->w < y->w);
}

static void build_keys(void)
{
    for (size_t i = 0; i < NWORDS; i++) {
        squeeze(words[i].word, strlen(words[i].word), keys[i].key);
        keys[i].w = &words[i];
    }
    /* spellings of one word squeeze to one key; either entry has its code */
    qsort(keys, NWORDS, sizeof keys[0], entry_cmp);
}

const wx_word *weather_lookup(const char *s, size_t len)
{
    char key[KEY_MAX];
    if (squeeze(s, len, key) <= 0)
        return NULL;
    for (size_t i = 0; i < sizeof no_report / sizeof no_report[0]; i++)
        if (strcmp(key, no_report[i]) == 0)
            return &words[0];
    pthread_once(&keys_once, build_keys);
    const struct weather_key *k = bsearch(key, keys, NWORDS, sizeof keys[0], key_cmp);
    if (!k)
        return NULL;
    while (k > keys && strcmp(k[-1].key, key) == 0)
        k--;
    /* the spelling written, when several squeeze to this key */
    for (const struct weather_key *e = k; e < keys + NWORDS && strcmp(e->key, key) == 0; e++)
        if (strlen(e->w->word) == len && memcmp(e->w->word, s, len) == 0)
            return e->w;
    return k->w;
}

const wx_word *weather_by_code(int code)
{
    for (size_t i = 0; i < NWORDS; i++)
        if (words[i].code == code)
            return &words[i];
    return NULL;
}

wx_category weather_category(int code)
{
    const wx_word *w = weather_by_code(code);
    return w ? w->cat : WX_CAT_NONE;
}

const char *weather_category_label(wx_category cat)
{
    static const char *const labels[WX_CAT_COUNT] = {
        "기타", "맑음", "구름", "안개·박무", "황사", "비", "눈", "비·눈", "뇌우",
    };
    return (unsigned)cat < WX_CAT_COUNT ? labels[cat] : labels[WX_CAT_NONE];
}

const char *weather_category_name(wx_category cat)
{
    return (unsigned)cat < WX_CAT_COUNT ? category_names[cat] : "none";
}

size_t weather_count(void)
{
    return NWORDS;
}

const wx_word *weather_at(size_t i)
{
    return i < NWORDS ? &words[i] : NULL;
}
