/*
 * view.h — small helpers shared by the pages: names of regions, sectors and languages, amounts
 * with their basis, search links, the listing form's fields, audit trails, and the moderation
 * forms and queues that the listing and call pages share.
 */
#ifndef PAGES_VIEW_H
#define PAGES_VIEW_H

#include "../errors.h"
#include "../search.h"

#include <jansson.h>
#include <stdbool.h>

struct req;
struct tpl_dict;
struct listing_view;

/* "a, b, c" */
const char *list_text(struct req *r, const char *const *items, int n);
/* A region's display name (its plugin's), or the slug when the region is switched off. */
const char *region_name(const char *slug);
/* The region's currency ("EUR" when unknown). */
const char *region_currency(const char *slug);
/* "Design, Music" in the request's language; arena-owned. */
const char *sector_names(struct req *r, const char *const *slugs, int n);
/* "Lietuvių, English"; arena-owned. */
const char *language_names(struct req *r, const char *const *codes, int n);
/* The label of a facet value in the request's language. */
const char *facet_label(struct req *r, enum facet_kind kind, const char *value);
/* "€350 per day" */
const char *price_text(struct req *r, const char *region, long long minor, const char *basis);

/* The address of a search page (`what`: "listings" or "calls", the region's own when the path
 * names one) for `sq` with query parameter `name` set to `value` (NULL removes it), the page
 * and as_of (0 leaves it out).  Arena-owned and already escaped for a URL; the template
 * escapes it again for HTML. */
const char *search_url(struct req *r, const char *what, const struct search_query *sq,
                       const char *name, const char *value, int page, long long as_of);

/* The listing form's fields (all but the organisation), showing `v`. */
void listing_form_fields(struct req *r, struct tpl_dict *d, const char *region,
                         const struct listing_view *v, const char *const *kinds, int n_kinds,
                         const char *const *bases, int n_bases);
/* What was typed into the listing form, as a view for redrawing it. */
void listing_view_from_form(struct req *r, struct listing_view *v);

/* The audit trail of an entity, as sections AUDIT in `d`, and as JSON. */
enum err_code audit_trail_fill(struct req *r, struct tpl_dict *d, const char *entity, long long id);
enum err_code audit_trail_json(struct req *r, const char *entity, long long id, json_t **out);
/* Shows the moderation form's problem (section MODERATION_ERROR: the first error of "reason" or
 * "action"; other forms' fields are left out) and what was typed as the reason
 * (MODERATION_REASON) in `d`. */
void moderation_form_errors(struct req *r, struct tpl_dict *d);
/* The regions the person administers among those switched on (all for the super admin), as a
 * PostgreSQL array literal for a $n::text[] parameter; arena-owned. */
const char *moderated_regions(struct req *r);
/* The next two live in moderation.c, beside the queue they draw.
 *
 * true when a decision was sent from the moderation queue of `region` (its "back" field) by
 * one of the region's admins: a refusal then goes back to that queue. */
bool moderation_from_queue(struct req *r, const char *region);
/* Answers with the moderation queue of `region` and `status` (422, 409) after the decision on
 * item `type` ("listing", "call") `id` was refused: the problem at the top, linked to the item's
 * reason field, which is marked and keeps what was typed.  Returns ERR_NONE once it has answered
 * (the handler then returns its own error, so that nothing is committed), else an error. */
enum err_code moderation_queue_again(struct req *r, const char *region, const char *type,
                                     long long id, int status);

#endif
