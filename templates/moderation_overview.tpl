{{%AUTOESCAPE context="HTML"}}
<h1>[[moderation.title]]</h1>
<ul class="cards">
  {{#QUEUE}}<li class="card">
    <h2><a href="/r/{{REGION_SLUG_Q}}/moderation">{{REGION_NAME_Q}}</a></h2>
    <p>{{PENDING}}</p>
  </li>{{/QUEUE}}
</ul>
