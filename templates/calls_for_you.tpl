{{%AUTOESCAPE context="HTML"}}
<section aria-labelledby="for-you-heading" class="calls-for-you">
  <h2 id="for-you-heading">[[match.for_you]]</h2>
  {{#NO_LISTINGS}}<p>[[match.for_you_no_listings]]</p>{{/NO_LISTINGS}}
  {{#NONE}}<p>[[match.for_you_none]]</p>{{/NONE}}
  <ol class="cards matches">
    {{#CALL}}<li class="card match">
      <h3><a href="{{URL}}" lang="{{TITLE_LANG}}">{{TITLE}}</a></h3>
      <p class="score"><strong>{{SCORE_TEXT}}</strong> · {{META}}</p>
      <p>{{FOR_LISTING}}</p>
      <ul class="reasons">
        {{#REASON}}<li>{{REASON_TEXT}}: <strong>{{REASON_POINTS}}</strong></li>{{/REASON}}
      </ul>
    </li>{{/CALL}}
  </ol>
  <ul class="plain">
    {{#LISTING}}<li><a href="{{LISTING_URL}}">{{LISTING_LINK}}</a></li>{{/LISTING}}
  </ul>
</section>
