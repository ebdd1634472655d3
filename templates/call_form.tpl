{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="lead">[[call.form_intro]]</p>
{{#HAS_ERRORS}}<p class="warning" role="alert">[[error.invalid.text]]</p>{{/HAS_ERRORS}}
<form method="post" action="{{ACTION}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  {{>F_ORG}}
  <fieldset>
    <legend>[[call.what]]</legend>
    {{>F_TITLE}}
    {{>F_SUMMARY}}
    {{>F_DESCRIPTION}}
    {{>F_LANG}}
  </fieldset>
  <fieldset>
    <legend>[[call.event]]</legend>
    {{>F_EVENT_TITLE}}
    {{>F_PROGRAMME}}
    {{>F_EVENT_START}}
    {{>F_EVENT_END}}
    {{>F_VENUE}}
  </fieldset>
  {{>F_SECTORS}}
  <fieldset>
    <legend>[[call.who]]</legend>
    {{>F_TAGS}}
    {{>F_LANGUAGES}}
    {{>F_PARTNERS}}
    {{>F_BUDGET_MIN}}
    {{>F_BUDGET_MAX}}
    {{>F_DEADLINE}}
    <div class="field"><p><input type="checkbox" id="f-cross_region" name="cross_region" value="on"{{#CROSS_CHECKED}} checked{{/CROSS_CHECKED}}> <label for="f-cross_region">[[call.cross_region_label]]</label></p></div>
  </fieldset>
  <p><button type="submit">[[call.submit]]</button></p>
</form>
