{{%AUTOESCAPE context="HTML"}}
<section class="hero">
  <h1>{{NAME}}</h1>
  <p class="lead">[[region.ecoc_year]] {{YEAR}}</p>
</section>
<dl class="facts">
  <dt>[[region.country]]</dt><dd>{{COUNTRY}}</dd>
  <dt>[[region.programme]]</dt><dd>{{PROGRAMME}}</dd>
  <dt>[[region.instrument]]</dt><dd>{{INSTRUMENT}}</dd>
</dl>
