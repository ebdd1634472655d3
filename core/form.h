/*
 * form.h — reading and checking input, and drawing form fields.
 *
 * Input: an HTML form and a JSON body are read through the same names, dotted for nested JSON
 * objects ("organisation.name" is the form field of that name, or {"organisation":{"name":…}}).
 * Every checker records a message on the field when the input is wrong (req_field_error) and
 * the handler answers 422 — the form again with the input kept, or {"error","fields"} — when
 * any field is wrong.  Nothing is written before every field has passed.
 *
 * Output: form_field() and friends fill an include ({{>F_EMAIL}}) with one labelled,
 * keyboard-usable field (templates/field*.tpl): its label, hint, value and error message,
 * wired with aria-describedby and aria-invalid.
 */
#ifndef FORM_H
#define FORM_H

#include <stdbool.h>
#include <stddef.h>

struct req;
struct tpl_dict;

/* --- input --- */

/* The raw string value of `name`, or NULL when absent.  A JSON value that is not a string
 * (numbers and booleans are accepted and given as text) records a field error. */
const char *input_raw(struct req *r, const char *name);

/* The value with surrounding white space removed, at most max_chars code points, no control
 * characters except newline and tab when multiline.  Absent or empty: "" (and an error when
 * required).  Never NULL. */
const char *input_text(struct req *r, const char *name, size_t max_chars, bool required,
                       bool multiline);

/* A whole number within [min, max].  Returns true when present and valid (stored in *out);
 * false when absent (error if required) or invalid (error). */
bool input_int(struct req *r, const char *name, long long min, long long max, bool required,
               long long *out);

/* An amount in major units with up to two decimals ("1 250,50" or "1250.5"), as minor units. */
bool input_amount(struct req *r, const char *name, long long max_minor, bool required,
                  long long *out);

/* A checkbox or JSON boolean: true for "on", "true", "1", true. */
bool input_bool(struct req *r, const char *name);

/* A calendar date YYYY-MM-DD (written into out[11]).  Same return convention as input_int. */
bool input_date(struct req *r, const char *name, bool required, char out[11]);

/* A local date and time "YYYY-MM-DDTHH:MM" (written into out[17]). */
bool input_datetime(struct req *r, const char *name, bool required, char out[17]);

/* An e-mail address (lower-cased domain kept as typed), at most 254 characters. */
const char *input_email(struct req *r, const char *name, bool required);

/* A list: repeated form fields, a comma-separated single field, or a JSON array of strings.
 * Items are trimmed, empty ones dropped, duplicates removed; at most max_items of at most
 * max_chars each.  *count receives the number.  Arena-owned, NULL-terminated. */
const char **input_list(struct req *r, const char *name, int max_items, size_t max_chars,
                        int *count);

/* true when `value` is one of the NULL-terminated `allowed`; otherwise records an error. */
bool input_one_of(struct req *r, const char *name, const char *value, const char *const *allowed);

/* true when some field has an error. */
bool input_has_errors(const struct req *r);

/* --- output --- */

struct field_view {
    const char *name;         /* input name, also the element id (dots become dashes) */
    const char *label_key;    /* catalogue key of the label */
    const char *type;         /* text, email, password, number, date, datetime-local, url, tel,
                                 search, textarea */
    const char *hint_key;     /* catalogue key of a hint under the label, or NULL */
    const char *autocomplete; /* autocomplete token, or NULL */
    bool required;
    int max_chars; /* maxlength, 0 for none */
};

/* One field into include `marker` of `d`, showing `value` and the field's error if any. */
void form_field(struct req *r, struct tpl_dict *d, const char *marker, const struct field_view *f,
                const char *value);

/* A choice: label/value pairs (`values[i]` shown as the catalogue text of `label_keys[i]`, or
 * as labels[i] when label_keys is NULL). */
struct choice {
    const char *value;
    const char *label;
};
void form_select(struct req *r, struct tpl_dict *d, const char *marker, const struct field_view *f,
                 const struct choice *choices, int n, const char *selected);
/* A group of checkboxes in a fieldset with a legend; `checked` is NULL-terminated. */
void form_checkboxes(struct req *r, struct tpl_dict *d, const char *marker,
                     const struct field_view *f, const struct choice *choices, int n,
                     const char *const *checked);

/* The values the user typed, for redrawing a form: input_raw or "" for each field. */
const char *form_value(struct req *r, const char *name);

#endif
