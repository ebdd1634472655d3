{{%AUTOESCAPE context="HTML"}}
{{#SAVED}}<p class="notice" role="status">[[call.saved]]</p>{{/SAVED}}
{{#FORM_ERROR}}<p class="warning" role="alert">{{FORM_ERROR_TEXT}}</p>{{/FORM_ERROR}}
<article class="call" aria-labelledby="call-title">
  <p class="kicker"><span class="status status-{{STATE_CLASS}}">{{STATE}}</span> · {{REGION_LABEL}}</p>
  <h1 id="call-title" lang="{{TEXT_LANG}}">{{TITLE}}</h1>
  <p class="lead" lang="{{TEXT_LANG}}">{{SUMMARY}}</p>
  <dl class="facts">
    <dt>[[call.event]]</dt><dd>{{EVENT_TITLE}}{{#EVENT_DATES}} · {{EVENT_START}} – {{EVENT_END}}{{/EVENT_DATES}}{{#VENUE}} · {{VENUE_TEXT}}{{/VENUE}}</dd>
    {{#PROGRAMME}}<dt>[[field.programme]]</dt><dd>{{PROGRAMME_TEXT}}</dd>{{/PROGRAMME}}
    <dt>[[call.deadline]]</dt><dd><time datetime="{{DEADLINE_UTC}}">{{DEADLINE}}</time></dd>
    <dt>[[field.sectors_sought]]</dt><dd>{{SECTORS}}</dd>
    {{#SUBSECTORS}}<dt>[[field.subsectors]]</dt><dd>{{SUBSECTOR_NAMES}}</dd>{{/SUBSECTORS}}
    <dt>[[field.call_languages]]</dt><dd>{{LANGUAGES}}</dd>
    <dt>[[field.partners_sought]]</dt><dd>{{PARTNERS}}</dd>
    {{#BUDGET}}<dt>[[call.budget]]</dt><dd>{{BUDGET_TEXT}}</dd>{{/BUDGET}}
    <dt>[[call.who_may_answer]]</dt><dd>{{#CROSS_REGION}}[[call.cross_region_yes]]{{/CROSS_REGION}}{{#REGION_ONLY}}[[call.cross_region_no]]{{/REGION_ONLY}}</dd>
    <dt>[[call.organiser]]</dt><dd>{{ORG_NAME}}, {{ORG_CITY}}</dd>
  </dl>
  <h2>[[listing.description]]</h2>
  <div class="prose" lang="{{TEXT_LANG}}">{{DESCRIPTION}}</div>
  <ul class="tags" aria-label="[[field.tags]]">{{#TAG}}<li>{{TAG_TEXT}}</li>{{/TAG}}</ul>

  {{#SME}}<section class="answer" aria-labelledby="answer-heading">
    <h2 id="answer-heading">[[interest.your_answers]]</h2>
    {{#HAS_MY_ANSWERS}}<ul class="plain">{{#MY_ANSWER}}<li><a href="{{MY_ANSWER_URL}}">{{MY_ANSWER_TITLE}}</a> · <span class="status status-{{MY_ANSWER_STATUS_CLASS}}">{{MY_ANSWER_STATUS}}</span></li>{{/MY_ANSWER}}</ul>{{/HAS_MY_ANSWERS}}
    {{#NO_ANSWERS_YET}}<p class="empty">[[interest.no_answers_yet]]</p>{{/NO_ANSWERS_YET}}
    {{#NO_ANSWERS_CLOSED}}<p class="empty">[[interest.no_answers_closed]] <a href="/calls?status=open">[[dashboard.browse_calls]]</a></p>{{/NO_ANSWERS_CLOSED}}
    {{#NOTHING_TO_OFFER}}<p class="empty">[[interest.nothing_to_offer]] <a href="/listings/new">[[dashboard.new_listing]]</a></p>{{/NOTHING_TO_OFFER}}
    {{#ANSWER_FORM}}<form method="post" action="/calls/{{ID}}/interests" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      {{>F_LISTING}}
      {{>F_MESSAGE}}
      <p><button type="submit">[[interest.send]]</button></p>
    </form>{{/ANSWER_FORM}}
  </section>{{/SME}}

  {{#PRIVATE}}<section class="private" aria-labelledby="manage-heading">
    <h2 id="manage-heading">[[call.manage]]</h2>
    {{#REASON}}<p class="reason"><strong>[[listing.reason]]</strong> {{REASON_TEXT}}</p>{{/REASON}}
    <div class="actions">
      {{#CAN_EDIT}}<a class="button" href="/calls/{{ID}}/edit">[[listing.edit]]</a>{{/CAN_EDIT}}
      {{#MATCHES_LINK}}<a class="button secondary" href="{{MATCHES_URL}}">[[call.see_matches]]</a>{{/MATCHES_LINK}}
      {{#SEE_ANSWERS}}<a class="button secondary" href="/calls/{{ID}}/answers.csv">[[call.export_csv]]</a>{{/SEE_ANSWERS}}
      {{#CAN_CLOSE}}<form method="post" action="/calls/{{ID}}/close" class="inline"><input type="hidden" name="csrf" value="{{CSRF_TOKEN}}"><button type="submit" class="secondary">[[call.close]]</button></form>{{/CAN_CLOSE}}
      {{#CAN_AWARD}}<form method="post" action="/calls/{{ID}}/award" class="inline"><input type="hidden" name="csrf" value="{{CSRF_TOKEN}}"><button type="submit">[[call.award]]</button></form>{{/CAN_AWARD}}
    </div>
    {{#CAN_MODERATE}}<form method="post" action="/calls/{{ID}}/moderation" class="moderation">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <fieldset><legend>[[moderation.decide]]</legend>
        <div class="field{{#MODERATION_ERROR}} invalid{{/MODERATION_ERROR}}"><label for="call-reason">[[moderation.reason]]</label>
        <p class="hint" id="call-reason-hint">[[moderation.reason_hint]]</p>
        <textarea id="call-reason" name="reason" rows="3" maxlength="2000" aria-describedby="call-reason-hint{{#MODERATION_ERROR}} call-reason-error{{/MODERATION_ERROR}}"{{#MODERATION_ERROR}} aria-invalid="true"{{/MODERATION_ERROR}}>{{MODERATION_REASON}}</textarea>
        {{#MODERATION_ERROR}}<p class="error" id="call-reason-error" role="alert">{{MODERATION_ERROR_TEXT}}</p>{{/MODERATION_ERROR}}</div>
        <p class="actions">
          <button type="submit" name="action" value="approve">[[moderation.approve]]</button>
          <button type="submit" name="action" value="request_changes" class="secondary">[[moderation.request_changes]]</button>
          <button type="submit" name="action" value="reject" class="secondary">[[moderation.reject]]</button>
        </p>
      </fieldset>
    </form>{{/CAN_MODERATE}}
    {{#SEE_ANSWERS}}<h3>[[call.answers]]</h3>
    {{#NO_ANSWERS}}<p class="empty">[[call.no_answers]]</p>{{/NO_ANSWERS}}
    <ul class="answers">
      {{#ANSWER}}<li class="card">
        <h4><a href="/interests/{{ANSWER_ID}}">{{ANSWER_SME}}</a> · {{ANSWER_REGION}}</h4>
        <p>[[call.answered_with]] <a href="/listings/{{ANSWER_LISTING_ID}}">{{ANSWER_LISTING}}</a> · <span class="status status-{{ANSWER_STATUS_CLASS}}">{{ANSWER_STATUS}}</span></p>
        <p>{{ANSWER_MESSAGE}}</p>
      </li>{{/ANSWER}}
    </ul>{{/SEE_ANSWERS}}
    <h3>[[audit.title]]</h3>
    <ol class="audit">
      {{#AUDIT}}<li><time>{{AUDIT_AT}}</time> · {{AUDIT_WHO}} · {{AUDIT_ACTION}} → {{AUDIT_TO}}{{#AUDIT_REASON}}: “{{AUDIT_REASON_TEXT}}”{{/AUDIT_REASON}}</li>
      {{/AUDIT}}
    </ol>
  </section>{{/PRIVATE}}
</article>
