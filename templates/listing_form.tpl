{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="lead">[[listing.form_intro]]</p>
{{#HAS_ERRORS}}<p class="warning" role="alert">[[error.invalid.text]]</p>{{/HAS_ERRORS}}
<form method="post" action="{{ACTION}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  {{>F_ORG}}
  <fieldset>
    <legend>[[listing.what]]</legend>
    {{>F_KIND}}
    {{>F_TITLE}}
    {{>F_SUMMARY}}
    {{>F_DESCRIPTION}}
    {{>F_LANG}}
  </fieldset>
  {{>F_SECTORS}}
  {{>F_SUBSECTORS}}
  <fieldset>
    <legend>[[listing.details]]</legend>
    {{>F_TAGS}}
    {{>F_LANGUAGES}}
    {{>F_CAPACITY}}
    {{>F_PRICE}}
    {{>F_PRICE_BASIS}}
    {{>F_FROM}}
    {{>F_UNTIL}}
  </fieldset>
  <fieldset>
    <legend>[[listing.contact]]</legend>
    {{>F_EMAIL}}
    {{>F_PHONE}}
  </fieldset>
  <p><button type="submit">[[listing.submit]]</button></p>
  <p class="hint">[[listing.submit_hint]]</p>
</form>
