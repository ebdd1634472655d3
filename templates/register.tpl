{{%AUTOESCAPE context="HTML"}}
<h1>[[register.title]]</h1>
<p class="lead">[[register.intro]]</p>
{{#HAS_ERRORS}}<p class="warning" role="alert">[[error.invalid.text]]</p>{{/HAS_ERRORS}}
<form method="post" action="/register" class="stack" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  <fieldset>
    <legend>[[register.you]]</legend>
    {{>F_NAME}}
    {{>F_EMAIL}}
    {{>F_PASSWORD}}
  </fieldset>
  <fieldset>
    <legend>[[register.organisation]]</legend>
    {{>F_KIND}}
    {{>F_ORG_NAME}}
    {{>F_REGION}}
    {{>F_BUSINESS_ID}}
    {{>F_CITY}}
    {{>F_WEBSITE}}
  </fieldset>
  <p><button type="submit">[[register.submit]]</button></p>
</form>
<p>[[register.have_account]] <a href="/login">[[nav.login]]</a></p>
