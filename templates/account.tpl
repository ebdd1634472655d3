{{%AUTOESCAPE context="HTML"}}
<h1>[[account.title]]</h1>
{{#NOTICE}}<p class="notice" role="status">{{NOTICE_TEXT}}</p>{{/NOTICE}}
{{#HAS_ERRORS}}<p class="warning" role="alert">[[error.invalid.text]]</p>{{/HAS_ERRORS}}
{{#NEW_TOKEN}}<div class="notice" role="status">
  <p>[[account.token_once]]</p>
  <p><code class="token">{{NEW_TOKEN_VALUE}}</code></p>
</div>{{/NEW_TOKEN}}

<section aria-labelledby="profile-heading">
  <h2 id="profile-heading">[[account.profile]]</h2>
  <p>[[field.email_label]]: <strong>{{EMAIL}}</strong></p>
  <form method="post" action="/account/profile" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    {{>F_NAME}}
    {{>F_LANG}}
    <div class="field"><p><input type="checkbox" id="f-digest" name="digest_weekly" value="on"{{#DIGEST_CHECKED}} checked{{/DIGEST_CHECKED}}> <label for="f-digest">[[account.digest]]</label></p></div>
    <p><button type="submit">[[account.save]]</button></p>
  </form>
</section>

<section aria-labelledby="orgs-heading">
  <h2 id="orgs-heading">[[account.organisations]]</h2>
  {{#NO_ORGS}}<p>[[dashboard.no_orgs]]</p>{{/NO_ORGS}}
  {{#ORG}}<article class="card">
    <h3>{{ORG_NAME}}</h3>
    <dl class="facts">
      <dt>[[field.org_kind]]</dt><dd>{{ORG_KIND}}</dd>
      <dt>[[field.region_label]]</dt><dd>{{ORG_REGION}}</dd>
      <dt>[[field.business_id_label]]</dt><dd>{{ORG_BUSINESS_ID}}</dd>
      <dt>[[account.members]]</dt><dd>{{ORG_MEMBERS}}</dd>
    </dl>
    <form method="post" action="/account/organisations/{{ORG_ID}}/members" class="inline-form" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <div class="field"><label for="member-{{ORG_ID}}">[[account.add_member]]</label>
      <input id="member-{{ORG_ID}}" name="email" type="email" autocomplete="off" required></div>
      <p><button type="submit" class="secondary">[[account.add]]</button></p>
    </form>
  </article>{{/ORG}}
  <details>
    <summary>[[account.new_org]]</summary>
    <form method="post" action="/account/organisations" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      {{>F_ORG_KIND}}
      {{>F_ORG_NAME}}
      {{>F_ORG_REGION}}
      {{>F_ORG_BUSINESS_ID}}
      <p><button type="submit">[[account.create_org]]</button></p>
    </form>
  </details>
</section>

<section aria-labelledby="password-heading">
  <h2 id="password-heading">[[account.password]]</h2>
  <p>[[account.password_note]]</p>
  <form method="post" action="/account/password" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    {{>F_CURRENT_PASSWORD}}
    {{>F_NEW_PASSWORD}}
    <p><button type="submit">[[account.change_password]]</button></p>
  </form>
</section>

<section aria-labelledby="tokens-heading">
  <h2 id="tokens-heading">[[account.tokens]]</h2>
  <p>[[account.tokens_intro]]</p>
  {{#NO_TOKENS}}<p>[[account.no_tokens]]</p>{{/NO_TOKENS}}
  <ul class="plain">
    {{#TOKEN}}<li>
      <strong>{{TOKEN_NAME}}</strong> ({{TOKEN_PREFIX}}…) · [[account.token_created]] {{TOKEN_CREATED}} · [[account.token_used]] {{TOKEN_USED}}
      <form method="post" action="/account/tokens/{{TOKEN_ID}}/revoke" class="inline">
        <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
        <button type="submit" class="secondary">[[account.revoke]] <span class="visually-hidden">{{TOKEN_NAME}}</span></button>
      </form>
    </li>{{/TOKEN}}
  </ul>
  <form method="post" action="/account/tokens" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    {{>F_TOKEN_NAME}}
    <p><button type="submit">[[account.create_token]]</button></p>
  </form>
</section>
