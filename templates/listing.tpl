{{%AUTOESCAPE context="HTML"}}
{{#SAVED}}<p class="notice" role="status">[[listing.saved]]</p>{{/SAVED}}
<article class="listing" aria-labelledby="listing-title">
  <p class="kicker">{{KIND}} · {{REGION_LABEL}}</p>
  <h1 id="listing-title" lang="{{TEXT_LANG}}">{{TITLE}}</h1>
  <p class="lead" lang="{{TEXT_LANG}}">{{SUMMARY}}</p>
  {{#PRIVATE}}<section class="private" aria-labelledby="state-heading">
    <h2 id="state-heading">[[listing.state]]</h2>
    <p><span class="status status-{{STATUS_CLASS}}">{{STATUS}}</span></p>
    {{#PUBLIC_IS_OLDER}}<p>[[listing.public_is_older]]</p>{{/PUBLIC_IS_OLDER}}
    {{#REASON}}<p class="reason"><strong>[[listing.reason]]</strong> {{REASON_TEXT}}</p>{{/REASON}}
    {{#CAN_EDIT}}<div class="actions">
      <a class="button" href="/listings/{{ID}}/edit">[[listing.edit]]</a>
      <a class="button secondary" href="/listings/{{ID}}/matches">[[match.for_you]]</a>
      <form method="post" action="/listings/{{ID}}/archive" class="inline">
        <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
        <button type="submit" class="secondary">[[listing.archive]]</button>
      </form>
    </div>{{/CAN_EDIT}}
    {{#CAN_MODERATE}}<form method="post" action="/listings/{{ID}}/moderation" class="moderation">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <fieldset>
        <legend>[[moderation.decide]]</legend>
        <div class="field{{#MODERATION_ERROR}} invalid{{/MODERATION_ERROR}}"><label for="reason-{{ID}}">[[moderation.reason]]</label>
        <p class="hint" id="reason-{{ID}}-hint">[[moderation.reason_hint]]</p>
        <textarea id="reason-{{ID}}" name="reason" rows="3" maxlength="2000" aria-describedby="reason-{{ID}}-hint{{#MODERATION_ERROR}} reason-{{ID}}-error{{/MODERATION_ERROR}}"{{#MODERATION_ERROR}} aria-invalid="true"{{/MODERATION_ERROR}}>{{MODERATION_REASON}}</textarea>
        {{#MODERATION_ERROR}}<p class="error" id="reason-{{ID}}-error" role="alert">{{MODERATION_ERROR_TEXT}}</p>{{/MODERATION_ERROR}}</div>
        <p class="actions">
          <button type="submit" name="action" value="approve">[[moderation.approve]]</button>
          <button type="submit" name="action" value="request_changes" class="secondary">[[moderation.request_changes]]</button>
          <button type="submit" name="action" value="reject" class="secondary">[[moderation.reject]]</button>
        </p>
      </fieldset>
    </form>{{/CAN_MODERATE}}
    <h3>[[audit.title]]</h3>
    <ol class="audit">
      {{#AUDIT}}<li><time>{{AUDIT_AT}}</time> · {{AUDIT_WHO}} · {{AUDIT_ACTION}} → {{AUDIT_TO}}{{#AUDIT_REASON}}: “{{AUDIT_REASON_TEXT}}”{{/AUDIT_REASON}}</li>
      {{/AUDIT}}
    </ol>
  </section>{{/PRIVATE}}
  <div class="columns">
    <div class="main-col">
      <h2>[[listing.description]]</h2>
      <div class="prose" lang="{{TEXT_LANG}}">{{DESCRIPTION}}</div>
      <dl class="facts">
        <dt>[[field.sectors]]</dt><dd>{{SECTORS}}</dd>
        {{#SUBSECTORS}}<dt>[[field.subsectors]]</dt><dd>{{SUBSECTOR_NAMES}}</dd>{{/SUBSECTORS}}
        <dt>[[field.languages]]</dt><dd>{{LANGUAGES}}</dd>
        {{#CAPACITY}}<dt>[[field.capacity]]</dt><dd>{{CAPACITY_TEXT}}</dd>{{/CAPACITY}}
        {{#PRICE}}<dt>[[field.price]]</dt><dd>{{PRICE_TEXT}}</dd>{{/PRICE}}
        {{#WINDOW}}<dt>[[listing.available]]</dt><dd>{{FROM}} – {{UNTIL}}</dd>{{/WINDOW}}
        {{#PUBLISHED}}<dt>[[listing.published]]</dt><dd>{{PUBLISHED_AT}}</dd>{{/PUBLISHED}}
      </dl>
      <ul class="tags" aria-label="[[field.tags]]">{{#TAG}}<li>{{TAG_TEXT}}</li>{{/TAG}}</ul>
    </div>
    <aside class="org-card" aria-labelledby="org-heading">
      <h2 id="org-heading">{{ORG_NAME}}</h2>
      <p>{{ORG_CITY}}</p>
      <p>{{ORG_ABOUT}}</p>
      {{#WEBSITE}}<p><a href="{{ORG_WEBSITE}}" rel="nofollow noopener">{{ORG_WEBSITE}}</a></p>{{/WEBSITE}}
      <h3>[[listing.contact]]</h3>
      <p><a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a></p>
      {{#PHONE}}<p><a href="tel:{{CONTACT_PHONE}}">{{CONTACT_PHONE}}</a></p>{{/PHONE}}
    </aside>
  </div>
</article>
