{{%AUTOESCAPE context="HTML"}}
{{#SAVED}}<p class="notice" role="status">[[interest.saved]]</p>{{/SAVED}}
{{#FORM_ERROR}}<p class="warning" role="alert">{{FORM_ERROR_TEXT}}</p>{{/FORM_ERROR}}
<h1>{{HEADING}}</h1>
<dl class="facts">
  <dt>[[interest.call]]</dt><dd><a href="{{CALL_URL}}">{{CALL_TITLE}}</a> ({{ORGANISER}})</dd>
  <dt>[[interest.offer]]</dt><dd><a href="{{LISTING_URL}}">{{LISTING_TITLE}}</a> ({{SME}})</dd>
  <dt>[[interest.state]]</dt><dd><span class="status status-{{STATUS_CLASS}}">{{STATUS}}</span></dd>
  <dt>[[interest.sent]]</dt><dd>{{CREATED}}</dd>
</dl>
<blockquote class="message">{{MESSAGE}}</blockquote>
{{#RESPONSE}}<p><strong>[[interest.organiser_says]]</strong> {{RESPONSE_TEXT}}</p>{{/RESPONSE}}
{{#CAN_DECIDE}}<form method="post" action="/interests/{{ID}}/decision" class="decision" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  <fieldset><legend>[[interest.your_decision]]</legend>
    {{>F_RESPONSE}}
    <p class="actions">
      <button type="submit" name="action" value="shortlist" class="secondary">[[interest.shortlist]]</button>
      <button type="submit" name="action" value="accept">[[interest.accept]]</button>
      <button type="submit" name="action" value="decline" class="secondary">[[interest.decline]]</button>
    </p>
  </fieldset>
</form>{{/CAN_DECIDE}}
{{#CAN_WITHDRAW}}<form method="post" action="/interests/{{ID}}/withdraw" class="inline">
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  <button type="submit" class="secondary">[[interest.withdraw]]</button>
</form>{{/CAN_WITHDRAW}}
<section aria-labelledby="thread-heading">
  <h2 id="thread-heading">[[interest.thread]]</h2>
  <p class="hint">[[interest.thread_private]]</p>
  {{#NO_MESSAGES}}<p>[[interest.no_messages]]</p>{{/NO_MESSAGES}}
  <ol class="thread">
    {{#MSG}}<li class="msg{{#FROM_ORGANISER}} from-organiser{{/FROM_ORGANISER}}{{#FROM_SME}} from-sme{{/FROM_SME}}">
      <p class="meta"><strong>{{MSG_WHO}}</strong>, {{MSG_ORG}} · {{MSG_AT}}</p>
      <p>{{MSG_BODY}}</p>
    </li>{{/MSG}}
  </ol>
  {{#CAN_WRITE}}<form method="post" action="/interests/{{ID}}/messages" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    {{>F_BODY}}
    <p><button type="submit">[[interest.send_message]]</button></p>
  </form>{{/CAN_WRITE}}
  {{#READ_ONLY}}<p class="hint">[[interest.admin_read_only]]</p>{{/READ_ONLY}}
</section>
<h2>[[audit.title]]</h2>
<ol class="audit">
  {{#AUDIT}}<li><time>{{AUDIT_AT}}</time> · {{AUDIT_WHO}} · {{AUDIT_ACTION}} → {{AUDIT_TO}}{{#AUDIT_REASON}}: “{{AUDIT_REASON_TEXT}}”{{/AUDIT_REASON}}</li>
  {{/AUDIT}}
</ol>
