{{%AUTOESCAPE context="HTML"}}
<section class="hero region-matera">
  <h1>{{NAME}} · {{YEAR}}</h1>
  <p class="lead">{{PROGRAMME}}</p>
  <p>[[matera.home.intro]]</p>
  <p><a class="button" href="/r/{{SLUG}}/listings?kind=partnership">[[matera.home.cocreate]]</a></p>
</section>
<ul class="cards">
  <li class="card"><h2><a href="/r/{{SLUG}}/calls">[[region.calls]]</a></h2><p>{{CALLS_COUNT}}</p></li>
  <li class="card"><h2><a href="/r/{{SLUG}}/listings">[[region.offers]]</a></h2><p>{{LISTINGS_COUNT}}</p></li>
  <li class="card"><h2><a href="/r/{{SLUG}}/listings?sector=matera-gastronomy">[[sector.matera-gastronomy]]</a></h2><p>[[matera.home.rural]]</p></li>
</ul>
<dl class="facts">
  <dt>[[region.instrument]]</dt><dd>{{INSTRUMENT}}</dd>
  <dt>[[region.country]]</dt><dd>{{COUNTRY}}</dd>
</dl>
