{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<form method="get" action="{{FORM_ACTION}}" class="search" role="search">
  <label for="search-q">[[search.label]]</label>
  <div class="search-row">
    <input id="search-q" name="q" type="search" value="{{Q}}" maxlength="200">
    {{#KEEP_REGION}}<input type="hidden" name="region" value="{{KEEP_VALUE}}">{{/KEEP_REGION}}
    {{#KEEP_SECTOR}}<input type="hidden" name="sector" value="{{KEEP_VALUE}}">{{/KEEP_SECTOR}}
    {{#KEEP_KIND}}<input type="hidden" name="kind" value="{{KEEP_VALUE}}">{{/KEEP_KIND}}
    {{#KEEP_LANG}}<input type="hidden" name="lang" value="{{KEEP_VALUE}}">{{/KEEP_LANG}}
    <label for="search-sort" class="visually-hidden">[[search.sort]]</label>
    <select id="search-sort" name="sort">
      <option value="relevance"{{#SORT_RELEVANCE}} selected{{/SORT_RELEVANCE}}>[[search.sort_relevance]]</option>
      <option value="newest"{{#SORT_NEWEST}} selected{{/SORT_NEWEST}}>[[search.sort_newest]]</option>
    </select>
    <button type="submit">[[search.submit]]</button>
  </div>
</form>
<div class="results-layout">
  <section class="results" aria-labelledby="results-count">
    <p id="results-count" role="status">{{TOTAL}}</p>
    <p class="jump"><a href="#refine">[[search.refine]]</a></p>
    {{#EMPTY}}<p class="empty">[[search.empty]] <a href="/register">[[search.empty_action]]</a></p>{{/EMPTY}}
    {{#NO_MATCH}}<p class="empty">[[search.no_match]]</p>{{/NO_MATCH}}
    <ol class="hits">
      {{#HIT}}<li class="hit">
        <h2><a href="{{URL}}" lang="{{TITLE_LANG}}">{{TITLE}}</a></h2>
        <p class="meta">{{KIND}} · {{ORG}} · {{REGION}}{{#PRICE}} · {{PRICE_TEXT}}{{/PRICE}}</p>
        <p lang="{{TITLE_LANG}}">{{SUMMARY}}</p>
        <p class="sectors">{{SECTORS}}</p>
      </li>{{/HIT}}
    </ol>
    {{#PAGINATION}}<nav class="pagination" aria-label="[[search.pages]]">
      {{#PREV}}<a rel="prev" href="{{PREV_URL}}">[[search.prev]]</a>{{/PREV}}
      <span>{{PAGE_OF}}</span>
      {{#NEXT}}<a rel="next" href="{{NEXT_URL}}">[[search.next]]</a>{{/NEXT}}
    </nav>{{/PAGINATION}}
  </section>
  <aside class="facets" id="refine" aria-label="[[search.refine]]">
    {{#FACET}}<section class="facet">
      <h2>{{FACET_TITLE}}</h2>
      <ul>
        {{#FACET_VALUE}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="true" class="current"{{/CURRENT}}>{{LABEL}}</a> <span class="n">{{COUNT}}</span></li>
        {{/FACET_VALUE}}
      </ul>
      {{#CLEAR}}<p><a href="{{CLEAR_URL}}">[[search.clear]]</a></p>{{/CLEAR}}
    </section>{{/FACET}}
  </aside>
</div>
