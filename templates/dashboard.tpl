{{%AUTOESCAPE context="HTML"}}
<h1>[[dashboard.title]]</h1>
{{#WELCOME}}<p class="notice" role="status">[[dashboard.welcome]]</p>{{/WELCOME}}
{{#MODERATION}}<section aria-labelledby="moderation-heading">
  <h2 id="moderation-heading">[[dashboard.moderation]]</h2>
  <p>[[dashboard.moderation_intro]]</p>
  <ul class="cards">
    {{#QUEUE}}<li class="card">
      <h3><a href="{{Q_URL}}">{{Q_REGION}}</a></h3>
      <p>{{Q_LISTINGS}} · {{Q_CALLS}}</p>
      {{#Q_WAITING}}<p><a class="button" href="{{Q_URL}}">[[dashboard.open_queue]]<span class="visually-hidden"> · {{Q_REGION}}</span></a></p>{{/Q_WAITING}}
      {{#Q_EMPTY}}<p>[[moderation.empty]]</p>{{/Q_EMPTY}}
    </li>{{/QUEUE}}
  </ul>
</section>{{/MODERATION}}
{{#ORGS}}<section aria-labelledby="orgs-heading">
  <h2 id="orgs-heading">[[dashboard.organisations]]</h2>
  {{#NO_ORGS}}<p class="empty">[[dashboard.no_orgs]] <a href="/account">[[account.create_org]]</a></p>{{/NO_ORGS}}
  <ul class="cards">
    {{#ORG}}<li class="card">
      <h3>{{ORG_NAME}}</h3>
      <p>{{ORG_KIND}} · <a href="/r/{{ORG_REGION_SLUG}}">{{ORG_REGION}}</a></p>
      {{#IS_SME}}<p><a class="button" href="/listings/new?org={{ORG_ID}}">[[dashboard.new_listing]]</a></p>{{/IS_SME}}
      {{#IS_ORGANISER}}<p><a class="button" href="/calls/new?org={{ORG_ID}}">[[dashboard.new_call]]</a></p>{{/IS_ORGANISER}}
    </li>{{/ORG}}
  </ul>
</section>{{/ORGS}}
{{#HAS_SME}}<section aria-labelledby="listings-heading">
  <h2 id="listings-heading">[[dashboard.listings]]</h2>
  {{#NO_LISTINGS}}<p class="empty">[[dashboard.no_listings]] <a href="/listings/new">[[dashboard.new_listing]]</a></p>{{/NO_LISTINGS}}
  <ul class="plain">
    {{#MY_LISTING}}<li><a href="{{L_URL}}" lang="{{L_LANG}}">{{L_TITLE}}</a> · <span class="status status-{{L_STATUS_CLASS}}">{{L_STATUS}}</span>{{#L_REASON}}<br><span class="reason">{{L_REASON_TEXT}}</span>{{/L_REASON}}</li>
    {{/MY_LISTING}}
  </ul>
  <h2 id="answers-heading">[[dashboard.answers_title]]</h2>
  {{#NO_ANSWERS}}<p class="empty">[[dashboard.no_answers]] <a href="/calls?status=open">[[dashboard.browse_calls]]</a></p>{{/NO_ANSWERS}}
  {{#HAS_ANSWERS}}<ul class="plain">
    {{#MY_ANSWER}}<li><a href="{{A_URL}}">{{A_TITLE}}</a> · <span class="status status-{{A_STATUS_CLASS}}">{{A_STATUS}}</span></li>
    {{/MY_ANSWER}}
  </ul>
  <p><a href="/calls?status=open">[[dashboard.browse_calls]]</a></p>{{/HAS_ANSWERS}}
</section>{{/HAS_SME}}
{{#HAS_ORGANISER}}<section aria-labelledby="calls-heading">
  <h2 id="calls-heading">[[dashboard.calls]]</h2>
  {{#NO_CALLS}}<p class="empty">[[dashboard.no_calls]] <a href="/calls/new">[[dashboard.new_call]]</a></p>{{/NO_CALLS}}
  <ul class="plain">
    {{#MY_CALL}}<li><a href="{{C_URL}}" lang="{{C_LANG}}">{{C_TITLE}}</a> · <span class="status status-{{C_STATUS_CLASS}}">{{C_STATUS}}</span> · {{C_ANSWERS}}{{#C_REASON}}<br><span class="reason">{{C_REASON_TEXT}}</span>{{/C_REASON}}</li>
    {{/MY_CALL}}
  </ul>
</section>{{/HAS_ORGANISER}}
{{>CALLS_FOR_YOU}}
