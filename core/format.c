/*
 * format.c — locale-aware amounts and dates from catalogue conventions; see format.h.
 */
#include "format.h"

#include "arena.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Digits of n with `group` between thousands. */
static char *grouped(struct arena *a, unsigned long long n, const char *group)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", n);
    size_t glen = strlen(group);
    char *out = arena_alloc(a, (size_t)len + (size_t)(len / 3 + 1) * glen + 1), *o = out;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            memcpy(o, group, glen);
            o += glen;
        }
        *o++ = digits[i];
    }
    *o = '\0';
    return out;
}

const char *format_number(struct arena *a, const char *lang, long long n)
{
    const char *g =
        grouped(a, (unsigned long long)(n < 0 ? -n : n), i18n_text(lang, "number.group"));
    return n < 0 ? arena_printf(a, "-%s", g) : g;
}

const char *format_money(struct arena *a, const char *lang, const char *currency, long long minor)
{
    unsigned long long abs = (unsigned long long)(minor < 0 ? -minor : minor);
    const char *amount = grouped(a, abs / 100, i18n_text(lang, "number.group"));
    if (abs % 100 != 0)
        amount =
            arena_printf(a, "%s%s%02llu", amount, i18n_text(lang, "number.decimal"), abs % 100);
    if (minor < 0)
        amount = arena_printf(a, "-%s", amount);
    char key[32];
    snprintf(key, sizeof key, "money.%s", currency);
    if (!i18n_has("en", key))
        return arena_printf(a, "%s %s", amount, currency);
    return i18n_format(a, lang, key, "amount", amount, NULL);
}

const char *format_date(struct arena *a, const char *lang, const char *iso)
{
    int y, m, d;
    if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
        return iso ? iso : "";
    char month_key[16], dd[4], mm[4], yyyy[8], ds[4], ms[4];
    snprintf(month_key, sizeof month_key, "month.%d", m);
    snprintf(dd, sizeof dd, "%02d", d);
    snprintf(mm, sizeof mm, "%02d", m);
    snprintf(ds, sizeof ds, "%d", d);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(yyyy, sizeof yyyy, "%04d", y);
    return i18n_format(a, lang, "date.format", "d", ds, "dd", dd, "m", ms, "mm", mm, "yyyy", yyyy,
                       "month", i18n_text(lang, month_key), NULL);
}

const char *format_datetime(struct arena *a, const char *lang, const char *iso)
{
    int h, mi;
    if (iso == NULL || strlen(iso) < 16 || sscanf(iso + 11, "%2d:%2d", &h, &mi) != 2)
        return format_date(a, lang, iso);
    char time[8];
    snprintf(time, sizeof time, "%02d:%02d", h, mi);
    return i18n_format(a, lang, "datetime.format", "date", format_date(a, lang, iso), "time", time,
                       NULL);
}
