{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
<p>[[oulu.about.text]]</p>
<p><a href="/r/oulu">[[oulu.programme]]</a></p>
