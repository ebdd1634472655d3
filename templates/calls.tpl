{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<form method="get" action="{{FORM_ACTION}}" class="search" role="search">
  <label for="calls-q">[[calls.search_label]]</label>
  <div class="search-row">
    <input id="calls-q" name="q" type="search" value="{{Q}}" maxlength="200">
    <button type="submit">[[search.submit]]</button>
  </div>
</form>
{{#FEEDS}}<p class="feeds">[[calls.subscribe]] <a href="{{ATOM_URL}}">[[calls.atom]]</a> · <a href="{{ICS_URL}}">[[calls.ics]]</a></p>{{/FEEDS}}
<div class="results-layout">
  <section class="results" aria-labelledby="calls-count">
    <p id="calls-count" role="status">{{TOTAL}}</p>
    <p class="jump"><a href="#refine">[[search.refine]]</a></p>
    {{#EMPTY}}<p class="empty">[[calls.empty]] <a href="/calls/new">[[dashboard.new_call]]</a></p>{{/EMPTY}}
    <ol class="hits">
      {{#HIT}}<li class="hit">
        <h2><a href="{{URL}}" lang="{{TITLE_LANG}}">{{TITLE}}</a></h2>
        <p class="meta">{{STATE}} · [[call.deadline]] {{DEADLINE}} · {{ORG}} · {{REGION}}</p>
        <p lang="{{TITLE_LANG}}">{{SUMMARY}}</p>
        <p class="sectors">{{SECTORS}}</p>
      </li>{{/HIT}}
    </ol>
  </section>
  <aside class="facets" id="refine" aria-label="[[search.refine]]">
    <section class="facet"><h2>[[calls.state]]</h2><ul>
      {{#STATUS_FACET}}<li><a href="{{URL}}">{{LABEL}}</a> <span class="n">{{COUNT}}</span></li>{{/STATUS_FACET}}
    </ul></section>
    <section class="facet"><h2>[[calls.refine_more]]</h2><ul>
      {{#OTHER_FACET}}<li><a href="{{URL}}">{{LABEL}}</a> <span class="n">{{COUNT}}</span></li>{{/OTHER_FACET}}
    </ul></section>
  </aside>
</div>
