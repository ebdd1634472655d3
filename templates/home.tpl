{{%AUTOESCAPE context="HTML"}}
<section class="hero home-hero">
  <h1>[[home.title]]</h1>
  <p class="lead">[[home.intro]]</p>
  <form method="get" action="/listings" class="search" role="search">
    <label for="home-q">[[search.label]]</label>
    <div class="search-row">
      <input id="home-q" name="q" type="search" maxlength="200">
      <button type="submit">[[search.submit]]</button>
    </div>
  </form>
  <p><a href="/calls">[[dashboard.browse_calls]]</a></p>
</section>
<section aria-labelledby="regions-heading">
  <h2 id="regions-heading">[[home.regions]]</h2>
  <ul class="cards">
    {{#REGION_CARD}}
    <li class="card">
      <p class="kicker">{{COUNTRY}} · <span class="year">{{YEAR}}</span></p>
      <h3><a href="/r/{{SLUG}}">{{NAME}}</a></h3>
      <p>[[region.ecoc_year]] {{YEAR}}</p>
      <p>{{PROGRAMME}}</p>
    </li>
    {{/REGION_CARD}}
  </ul>
</section>
