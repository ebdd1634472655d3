{{%AUTOESCAPE context="HTML"}}
<section class="hero region-oulu">
  <h1>{{NAME}} {{YEAR}}</h1>
  <p class="lead">{{PROGRAMME}}</p>
  <p><a href="/r/oulu/about">[[oulu.about.title]]</a></p>
</section>
