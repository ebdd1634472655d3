{{%AUTOESCAPE context="HTML"}}
<h1>[[inbox.title]]</h1>
{{#HAS_UNREAD}}<form method="post" action="/inbox/read">
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  <button type="submit" class="secondary">[[inbox.mark_read]]</button>
</form>{{/HAS_UNREAD}}
{{#EMPTY}}<p class="empty">[[inbox.empty]]</p>{{/EMPTY}}
<ol class="inbox">
  {{#NOTE}}<li{{#UNREAD}} class="unread"{{/UNREAD}}>
    {{#UNREAD}}<span class="visually-hidden">[[inbox.unread]]</span>{{/UNREAD}}
    <a href="{{NOTE_LINK}}">{{NOTE_TEXT}}</a> <time>{{NOTE_AT}}</time>
  </li>{{/NOTE}}
</ol>
