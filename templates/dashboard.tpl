{{%AUTOESCAPE context="HTML"}}
<h1>[[dashboard.title]]</h1>
{{#WELCOME}}<p class="notice" role="status">[[dashboard.welcome]]</p>{{/WELCOME}}
<section aria-labelledby="orgs-heading">
  <h2 id="orgs-heading">[[dashboard.organisations]]</h2>
  {{#NO_ORGS}}<p>[[dashboard.no_orgs]] <a href="/account">[[nav.account]]</a></p>{{/NO_ORGS}}
  <ul class="cards">
    {{#ORG}}<li class="card">
      <h3>{{ORG_NAME}}</h3>
      <p>{{ORG_KIND}} · <a href="/r/{{ORG_REGION_SLUG}}">{{ORG_REGION}}</a></p>
      {{#IS_SME}}<p><a class="button" href="/listings/new?org={{ORG_ID}}">[[dashboard.new_listing]]</a></p>{{/IS_SME}}
      {{#IS_ORGANISER}}<p><a class="button" href="/calls/new?org={{ORG_ID}}">[[dashboard.new_call]]</a></p>{{/IS_ORGANISER}}
    </li>{{/ORG}}
  </ul>
</section>
