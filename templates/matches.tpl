{{%AUTOESCAPE context="HTML"}}
<h1 lang="{{HEADING_LANG}}">{{HEADING}}</h1>
<p><a href="{{BACK_URL}}">{{BACK_TEXT}}</a></p>
<p>[[match.intro]]</p>
{{#NOT_MATCHABLE}}<p class="notice" role="status">{{NOT_MATCHABLE_TEXT}}</p>{{/NOT_MATCHABLE}}
<section class="results" aria-labelledby="matches-count">
  <p id="matches-count" role="status">{{TOTAL}}</p>
  {{#NONE}}<p class="empty">[[match.none]]</p>{{/NONE}}
  <ol class="cards matches">
    {{#MATCH}}<li class="card match">
      <h2><a href="{{URL}}" lang="{{TITLE_LANG}}">{{TITLE}}</a></h2>
      <p class="score"><strong>{{SCORE_TEXT}}</strong></p>
      <p class="meta">{{META}}</p>
      <p lang="{{TITLE_LANG}}">{{SUMMARY}}</p>
      <h3 class="visually-hidden">[[match.why]]</h3>
      <ul class="reasons">
        {{#REASON}}<li>{{REASON_TEXT}}: <strong>{{REASON_POINTS}}</strong></li>{{/REASON}}
      </ul>
    </li>{{/MATCH}}
  </ol>
  {{#PAGINATION}}<nav class="pagination" aria-label="[[search.pages]]">
    {{#PREV}}<a rel="prev" href="{{PREV_URL}}">[[search.prev]]</a>{{/PREV}}
    <span>{{PAGE_OF}}</span>
    {{#NEXT}}<a rel="next" href="{{NEXT_URL}}">[[search.next]]</a>{{/NEXT}}
  </nav>{{/PAGINATION}}
</section>
