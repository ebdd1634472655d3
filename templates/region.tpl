{{%AUTOESCAPE context="HTML"}}
<section class="hero">
  <h1>{{NAME}}</h1>
  <p class="lead">[[region.ecoc_year]] {{YEAR}} · {{PROGRAMME}}</p>
</section>
<ul class="cards">
  <li class="card"><h2><a href="/r/{{SLUG}}/listings">[[region.offers]]</a></h2><p>{{LISTINGS_COUNT}}</p></li>
  <li class="card"><h2><a href="/r/{{SLUG}}/calls">[[region.calls]]</a></h2><p>{{CALLS_COUNT}}</p></li>
</ul>
<dl class="facts">
  <dt>[[region.country]]</dt><dd>{{COUNTRY}}</dd>
  <dt>[[region.instrument]]</dt><dd>{{INSTRUMENT}}</dd>
</dl>
