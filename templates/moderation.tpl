{{%AUTOESCAPE context="HTML"}}
{{#FORM_ERROR}}<p class="warning" role="alert">{{#FORM_ERROR_LINK}}<a href="#reason-{{FORM_ERROR_KEY}}">{{FORM_ERROR_LINK_TEXT}}</a>{{/FORM_ERROR_LINK}}{{#FORM_ERROR_PLAIN}}{{FORM_ERROR_TEXT}}{{/FORM_ERROR_PLAIN}}</p>{{/FORM_ERROR}}
<h1>{{HEADING}}</h1>
<p role="status">{{COUNT}}</p>
{{#EMPTY}}<p class="empty">[[moderation.empty]]</p>{{/EMPTY}}
<ol class="queue">
  {{#ITEM}}<li class="card" id="item-{{ITEM_KEY}}">
    <p class="kicker">{{ITEM_TYPE}}{{#IS_EDIT}} · [[moderation.is_edit]]{{/IS_EDIT}} · [[moderation.submitted]] {{ITEM_SUBMITTED}}</p>
    <h2><a href="{{ITEM_URL}}" lang="{{ITEM_LANG}}">{{ITEM_TITLE}}</a></h2>
    <p class="summary" lang="{{ITEM_LANG}}">{{ITEM_SUMMARY}}</p>
    <p>{{ITEM_ORG}}</p>
    <form method="post" action="{{ITEM_ACTION}}" class="moderation">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="back" value="{{BACK}}">
      <div class="field{{#MODERATION_ERROR}} invalid{{/MODERATION_ERROR}}"><label for="reason-{{ITEM_KEY}}">[[moderation.reason]]</label>
      <textarea id="reason-{{ITEM_KEY}}" name="reason" rows="2" maxlength="2000"{{#MODERATION_ERROR}} aria-invalid="true" aria-describedby="reason-{{ITEM_KEY}}-error"{{/MODERATION_ERROR}}>{{MODERATION_REASON}}</textarea>
      {{#MODERATION_ERROR}}<p class="error" id="reason-{{ITEM_KEY}}-error" role="alert">{{MODERATION_ERROR_TEXT}}</p>{{/MODERATION_ERROR}}</div>
      <p class="actions">
        <button type="submit" name="action" value="approve">[[moderation.approve]] <span class="visually-hidden">{{ITEM_TITLE}}</span></button>
        <button type="submit" name="action" value="request_changes" class="secondary">[[moderation.request_changes]] <span class="visually-hidden">{{ITEM_TITLE}}</span></button>
        <button type="submit" name="action" value="reject" class="secondary">[[moderation.reject]] <span class="visually-hidden">{{ITEM_TITLE}}</span></button>
      </p>
    </form>
  </li>{{/ITEM}}
</ol>
