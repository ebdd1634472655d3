{{%AUTOESCAPE context="HTML"}}
<section class="hero">
  <h1>[[home.title]]</h1>
  <p class="lead">[[home.intro]]</p>
</section>
<section aria-labelledby="regions-heading">
  <h2 id="regions-heading">[[home.regions]]</h2>
  <ul class="cards">
    {{#REGION_CARD}}
    <li class="card">
      <h3><a href="/r/{{SLUG}}">{{NAME}}</a></h3>
      <p>{{COUNTRY}} · [[region.ecoc_year]] {{YEAR}}</p>
      <p>{{PROGRAMME}}</p>
    </li>
    {{/REGION_CARD}}
  </ul>
</section>
