{{%AUTOESCAPE context="HTML"}}
<h1>[[login.title]]</h1>
{{#FORM_ERROR}}<p class="warning" role="alert">{{MESSAGE}}</p>{{/FORM_ERROR}}
<form method="post" action="/login" class="stack" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  <input type="hidden" name="next" value="{{NEXT}}">
  {{>F_EMAIL}}
  {{>F_PASSWORD}}
  <p><button type="submit">[[login.submit]]</button></p>
</form>
<p>[[login.no_account]] <a href="/register">[[login.register_link]]</a></p>
