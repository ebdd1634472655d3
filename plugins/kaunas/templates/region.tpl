{{%AUTOESCAPE context="HTML"}}
<section class="hero region-kaunas">
  <p class="kicker">[[region.ecoc_year]] {{YEAR}}</p>
  <h1>{{NAME}}</h1>
  <p class="lead">[[kaunas.home.tagline]]</p>
  <p>[[kaunas.home.intro]]</p>
</section>
<ul class="cards">
  <li class="card"><h2><a href="/r/{{SLUG}}/listings">[[region.offers]]</a></h2><p>{{LISTINGS_COUNT}}</p></li>
  <li class="card"><h2><a href="/r/{{SLUG}}/calls">[[region.calls]]</a></h2><p>{{CALLS_COUNT}}</p></li>
  <li class="card"><h2><a href="/r/{{SLUG}}/listings?sector=kaunas-modernism">[[sector.kaunas-modernism]]</a></h2><p>[[kaunas.home.modernism]]</p></li>
</ul>
<dl class="facts">
  <dt>[[region.programme]]</dt><dd>{{PROGRAMME}}</dd>
  <dt>[[region.instrument]]</dt><dd>{{INSTRUMENT}}</dd>
</dl>
<p><a class="button" href="/register">[[region.join]]</a> <a class="button secondary" href="/r/{{SLUG}}/calls.atom">[[region.follow]]</a></p>
