{{%AUTOESCAPE context="HTML"}}
<section class="error" aria-labelledby="error-heading">
  <h1 id="error-heading">{{ERROR_TITLE}}</h1>
  <p>{{ERROR_TEXT}}</p>
  <ul class="field-errors">
    {{#FIELD_ERROR}}<li><strong>{{FIELD}}</strong>: {{MESSAGE}}</li>{{/FIELD_ERROR}}
  </ul>
  <form method="get" action="/listings" class="search" role="search">
    <label for="error-q">[[search.label]]</label>
    <div class="search-row">
      <input id="error-q" name="q" type="search" maxlength="200">
      <button type="submit">[[search.submit]]</button>
    </div>
  </form>
  <p><a href="/">[[error.home]]</a> · <a href="/calls">[[dashboard.browse_calls]]</a></p>
</section>
