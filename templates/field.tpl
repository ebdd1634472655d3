{{%AUTOESCAPE context="HTML"}}<div class="field{{#INVALID}} invalid{{/INVALID}}">
  <label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">[[field.required_mark]]</span>{{/REQUIRED}}</label>
  {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
  <input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#AUTOCOMPLETE}} autocomplete="{{AUTOCOMPLETE_VALUE}}"{{/AUTOCOMPLETE}}{{#MAXLENGTH}} maxlength="{{MAXLENGTH_VALUE}}"{{/MAXLENGTH}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{#HINT}}{{ID}}-hint {{/HINT}}{{#ERROR}}{{ID}}-error{{/ERROR}}"{{/DESCRIBED}}>
  {{#ERROR}}<p class="error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
