{{%AUTOESCAPE context="HTML"}}
<section class="error" aria-labelledby="error-heading">
  <h1 id="error-heading">{{ERROR_TITLE}}</h1>
  <p>{{ERROR_TEXT}}</p>
  <ul class="field-errors">
    {{#FIELD_ERROR}}<li><strong>{{FIELD}}</strong>: {{MESSAGE}}</li>{{/FIELD_ERROR}}
  </ul>
  <p><a href="/">[[error.home]]</a></p>
</section>
