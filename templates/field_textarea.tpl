{{%AUTOESCAPE context="HTML"}}<div class="field{{#INVALID}} invalid{{/INVALID}}">
  <label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">[[field.required_mark]]</span>{{/REQUIRED}}</label>
  {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
  <textarea id="{{ID}}" name="{{NAME}}" rows="6"{{#MAXLENGTH}} maxlength="{{MAXLENGTH_VALUE}}"{{/MAXLENGTH}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{#HINT}}{{ID}}-hint {{/HINT}}{{#ERROR}}{{ID}}-error{{/ERROR}}"{{/DESCRIBED}}>{{VALUE}}</textarea>
  {{#ERROR}}<p class="error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
