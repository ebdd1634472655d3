{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · [[site.name]]</title>
<link rel="stylesheet" href="/static/portal.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
{{#FEED}}<link rel="alternate" type="application/atom+xml" href="{{FEED_URL}}" title="{{FEED_TITLE}}">
{{/FEED}}</head>
<body>
<a class="skip" href="#main">[[nav.skip]]</a>
<header class="site">
  <div class="masthead">
    <div class="bar">
      <a class="brand" href="/"><img src="/static/favicon.svg" alt="" width="28" height="28"> [[site.name]]</a>
      {{#REGION}}<p class="region-badge"><a href="/r/{{REGION_SLUG}}">{{REGION_NAME}}</a> · [[region.ecoc_year]] {{REGION_YEAR}}</p>{{/REGION}}
    </div>
    <form method="post" action="/language" class="language">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="back" value="{{CURRENT_PATH}}">
      <label for="language-choice">[[nav.language]]</label>
      <select id="language-choice" name="lang">
        {{#LANGUAGE_OPTION}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
        {{/LANGUAGE_OPTION}}
      </select>
      <button type="submit">[[nav.change_language]]</button>
    </form>
  </div>
  <nav aria-label="[[nav.main]]">
    <ul>
      <li><a href="/listings">[[nav.listings]]</a></li>
      <li><a href="/calls">[[nav.calls]]</a></li>
      {{#LOGGED_IN}}
      <li><a href="/dashboard">[[nav.dashboard]]</a></li>
      <li><a href="/inbox">[[nav.inbox]]{{#HAS_UNREAD}} <span class="count">[[nav.unread]]</span>{{/HAS_UNREAD}}</a></li>
      {{#IS_ADMIN}}<li><a href="/moderation">[[nav.moderation]]</a></li>{{/IS_ADMIN}}
      <li><a href="/account">[[nav.account]]</a></li>
      <li class="end"><form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{{CSRF_TOKEN}}"><button type="submit" class="link">[[nav.logout]]</button></form></li>
      {{/LOGGED_IN}}
      {{#LOGGED_OUT}}
      <li class="end"><a href="/login">[[nav.login]]</a></li>
      <li><a class="register" href="/register">[[nav.register]]</a></li>
      {{/LOGGED_OUT}}
    </ul>
  </nav>
</header>
<main id="main">
{{>CONTENT}}
</main>
<footer class="site">
  <div class="footer-inner">
    <p class="tagline">[[site.tagline]]</p>
    <p>[[footer.about]]</p>
    <p><a href="/api/v1/regions">[[footer.api]]</a></p>
  </div>
</footer>
</body>
</html>
