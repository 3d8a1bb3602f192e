/* drawlib: librrd's drawing half (librrd.so, and cairo, pango and
 * fontconfig behind it), loaded with dlopen only in the processes that
 * draw, and the check that fontconfig has a font with Hangul. */
#include "drawlib.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

#define LIBRRD "librrd.so.8"

typedef struct {
    int nfont, sfont;
    void **fonts;
} fc_fontset; /* fontconfig's FcFontSet */

static struct {
    drawlib api;
    void *lib;
    void *(*fc_init)(void);
    void *(*fc_name_parse)(const unsigned char *);
    void *(*fc_object_set_build)(const char *, ...);
    fc_fontset *(*fc_font_list)(void *, void *, void *);
    int (*fc_pattern_get_string)(void *, const char *, int, unsigned char **);
    void (*fc_font_set_destroy)(fc_fontset *);
    void (*fc_object_set_destroy)(void *);
    void (*fc_pattern_destroy)(void *);
    void (*fc_config_destroy)(void *);
} draw;

static const struct {
    const char *name;
    size_t offset;
} symbols[] = {
#define SYM(field, name)                                                                           \
    {                                                                                              \
        name, offsetof(__typeof__(draw), field)                                                    \
    }
    SYM(api.graph_v, "rrd_graph_v"),
    SYM(api.info_free, "rrd_info_free"),
    SYM(api.clear_error, "rrd_clear_error"),
    SYM(api.get_error, "rrd_get_error"),
    SYM(fc_init, "FcInitLoadConfigAndFonts"),
    SYM(fc_name_parse, "FcNameParse"),
    SYM(fc_object_set_build, "FcObjectSetBuild"),
    SYM(fc_font_list, "FcFontList"),
    SYM(fc_pattern_get_string, "FcPatternGetString"),
    SYM(fc_font_set_destroy, "FcFontSetDestroy"),
    SYM(fc_object_set_destroy, "FcObjectSetDestroy"),
    SYM(fc_pattern_destroy, "FcPatternDestroy"),
    SYM(fc_config_destroy, "FcConfigDestroy"),
#undef SYM
};

const drawlib *drawlib_load(char *err, size_t errlen)
{
    if (draw.lib)
        return &draw.api;
    void *lib = dlopen(LIBRRD, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return errf(err, errlen, "cannot load %s to draw graphs: %s", LIBRRD, dlerror()), NULL;
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        void *f = dlsym(lib, symbols[i].name);
        if (!f) {
            dlclose(lib);
            return errf(err, errlen, "%s lacks %s", LIBRRD, symbols[i].name), NULL;
        }
        memcpy((char *)&draw + symbols[i].offset, &f, sizeof f);
    }
    draw.lib = lib;
    return &draw.api;
}

/* Families that have Hangul, as fontconfig sees them (FONTCONFIG_FILE
 * included); picks NanumGothic when present. 0, or -1 when there is none:
 * librrd would draw every Hangul glyph as a box without a word. */
int drawlib_hangul_font(char *family, size_t size, char *err, size_t errlen)
{
    void *config = draw.fc_init();
    void *pattern = draw.fc_name_parse((const unsigned char *)":lang=ko");
    void *objects = draw.fc_object_set_build("family", (char *)NULL);
    fc_fontset *set =
        config && pattern && objects ? draw.fc_font_list(config, pattern, objects) : NULL;
    int found = 0;
    for (int i = 0; set && i < set->nfont; i++) {
        unsigned char *name = NULL;
        if (draw.fc_pattern_get_string(set->fonts[i], "family", 0, &name) != 0 || !name)
            continue;
        if (!found || strcmp((char *)name, "NanumGothic") == 0)
            snprintf(family, size, "%s", (char *)name);
        found = 1;
    }
    if (set)
        draw.fc_font_set_destroy(set);
    if (objects)
        draw.fc_object_set_destroy(objects);
    if (pattern)
        draw.fc_pattern_destroy(pattern);
    if (config)
        draw.fc_config_destroy(config);
    if (!found)
        return errf(err, errlen,
                    "no font with Hangul is installed (fontconfig finds none for "
                    "':lang=ko'; install fonts-nanum): graphs would show boxes");
    return 0;
}
