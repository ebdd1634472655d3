{{%AUTOESCAPE context="HTML"}}
<section class="hero region-rijeka">
  <h1>{{NAME}}</h1>
  <p class="lead">{{PROGRAMME}}</p>
  <p>[[rijeka.home.intro]]</p>
</section>
<section aria-labelledby="rijeka-now">
  <h2 id="rijeka-now">[[rijeka.home.now]]</h2>
  <ul class="cards">
    <li class="card"><h3><a href="/r/{{SLUG}}/calls">[[region.calls]]</a></h3><p>{{CALLS_COUNT}}</p></li>
    <li class="card"><h3><a href="/r/{{SLUG}}/listings">[[region.offers]]</a></h3><p>{{LISTINGS_COUNT}}</p></li>
    <li class="card"><h3><a href="/r/{{SLUG}}/listings?sector=rijeka-industrial-heritage">[[sector.rijeka-industrial-heritage]]</a></h3><p>[[rijeka.home.heritage]]</p></li>
  </ul>
</section>
<dl class="facts">
  <dt>[[region.ecoc_year]]</dt><dd>{{YEAR}}</dd>
  <dt>[[region.instrument]]</dt><dd>{{INSTRUMENT}}</dd>
</dl>
<p><a class="button" href="/register">[[region.join]]</a></p>
